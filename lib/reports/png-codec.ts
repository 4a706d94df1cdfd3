// SPDX-License-Identifier: AGPL-3.0-or-later
import { concatBytes } from '../crypto/bytes';
/**
 * Minimal PNG reader and writer for the report's blurred derived copies: 8-bit greyscale, grey +
 * alpha, RGB, RGBA and palette images, not interlaced. Anything else is refused rather than
 * guessed, and the caller then leaves the sensitive image out of the report altogether.
 */

/** zlib (RFC 1950) streams, as PNG's IDAT uses; injected so Node and browsers share this code. */
export interface Zlib {
  inflate(data: Uint8Array): Promise<Uint8Array>;
  deflate(data: Uint8Array): Promise<Uint8Array>;
}

export interface RgbaImage {
  width: number;
  height: number;
  /** width × height × 4 bytes, row by row. */
  rgba: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
// A decoded image this large would not fit comfortably in a page's memory; the report skips it.
const MAX_PIXELS = 60_000_000;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function u32(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0
  );
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function unfilter(raw: Uint8Array, height: number, stride: number, bpp: number): Uint8Array {
  if (raw.length < height * (stride + 1)) throw new Error('PNG image data is truncated');
  const out = new Uint8Array(height * stride);
  // One loop per filter type: a branch per byte made a tall screenshot take seconds.
  for (let y = 0; y < height; y++) {
    const type = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const up = row - stride;
    const first = y > 0;
    if (type === 0) out.set(raw.subarray(src, src + stride), row);
    else if (type === 1) {
      for (let x = 0; x < stride; x++)
        out[row + x] = (raw[src + x]! + (x >= bpp ? out[row + x - bpp]! : 0)) & 0xff;
    } else if (type === 2) {
      for (let x = 0; x < stride; x++)
        out[row + x] = (raw[src + x]! + (first ? out[up + x]! : 0)) & 0xff;
    } else if (type === 3) {
      for (let x = 0; x < stride; x++) {
        const a = x >= bpp ? out[row + x - bpp]! : 0;
        const b = first ? out[up + x]! : 0;
        out[row + x] = (raw[src + x]! + ((a + b) >> 1)) & 0xff;
      }
    } else if (type === 4) {
      for (let x = 0; x < stride; x++) {
        const a = x >= bpp ? out[row + x - bpp]! : 0;
        const b = first ? out[up + x]! : 0;
        const c = x >= bpp && first ? out[up + x - bpp]! : 0;
        out[row + x] = (raw[src + x]! + paeth(a, b, c)) & 0xff;
      }
    } else throw new Error(`PNG filter type ${type} is invalid`);
  }
  return out;
}

/** Decodes a PNG into RGBA pixels; throws on anything outside the subset named above. */
export async function decodePng(png: Uint8Array, zlib: Zlib): Promise<RgbaImage> {
  if (png.length < 33 || SIGNATURE.some((b, i) => png[i] !== b)) throw new Error('not a PNG');
  let at = 8;
  let width = 0;
  let height = 0;
  let colorType = -1;
  let palette: Uint8Array | undefined;
  let alpha: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  while (at + 12 <= png.length) {
    const length = u32(png, at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    if (data.length !== length) throw new Error('PNG chunk is truncated');
    if (type === 'IHDR') {
      width = u32(data, 0);
      height = u32(data, 4);
      const depth = data[8];
      colorType = data[9] ?? -1;
      if (depth !== 8 || data[12] !== 0 || CHANNELS[colorType] === undefined)
        throw new Error('PNG: only 8-bit, non-interlaced images are supported');
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') alpha = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  if (width === 0 || height === 0 || width * height > MAX_PIXELS)
    throw new Error('PNG size is missing or too large');
  const channels = CHANNELS[colorType]!;
  const joined = new Uint8Array(idat.reduce((n, c) => n + c.length, 0));
  let off = 0;
  for (const c of idat) {
    joined.set(c, off);
    off += c.length;
  }
  const px = unfilter(await zlib.inflate(joined), height, width * channels, channels);
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < width * height; i++, j += channels) {
    const o = i * 4;
    if (colorType === 3) {
      const k = px[j]!;
      if (!palette || k * 3 + 2 >= palette.length)
        throw new Error('PNG palette index out of range');
      rgba[o] = palette[k * 3]!;
      rgba[o + 1] = palette[k * 3 + 1]!;
      rgba[o + 2] = palette[k * 3 + 2]!;
      rgba[o + 3] = alpha?.[k] ?? 255;
    } else if (channels <= 2) {
      rgba[o] = rgba[o + 1] = rgba[o + 2] = px[j]!;
      rgba[o + 3] = channels === 2 ? px[j + 1]! : 255;
    } else {
      rgba[o] = px[j]!;
      rgba[o + 1] = px[j + 1]!;
      rgba[o + 2] = px[j + 2]!;
      rgba[o + 3] = channels === 4 ? px[j + 3]! : 255;
    }
  }
  return { width, height, rgba };
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Encodes RGBA pixels as an 8-bit RGBA PNG (filter 0 on every row: simple and deterministic). */
export async function encodePng(image: RgbaImage, zlib: Zlib): Promise<Uint8Array> {
  const { width, height, rgba } = image;
  const stride = width * 4;
  const raw = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++)
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const parts = [
    new Uint8Array(SIGNATURE),
    chunk('IHDR', ihdr),
    chunk('IDAT', await zlib.deflate(raw)),
    chunk('IEND', new Uint8Array(0)),
  ];
  return concatBytes(parts);
}
