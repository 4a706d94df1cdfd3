// SPDX-License-Identifier: AGPL-3.0-or-later
// Pixels to luminance, as the reference's fillFloatLumaFromRGB / fillFloatLumaFromGrey do.
// Every intermediate is rounded to float32 (Math.fround, Float32Array) because the reference
// computes in C++ `float`; doing the same arithmetic in float64 would flip median-adjacent bits.

/** RGB(A) or grey(+alpha) pixels, row-major, `channels` interleaved bytes per pixel. */
export interface PdqPixels {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
  /** 1 = grey, 2 = grey + alpha, 3 = RGB, 4 = RGBA (getImageData). Alpha is ignored. */
  channels: 1 | 2 | 3 | 4;
}

// "From Wikipedia: standard RGB to luminance (the 'Y' in 'YUV')" — Rec. 601 weights, as floats.
const R = Math.fround(0.299);
const G = Math.fround(0.587);
const B = Math.fround(0.114);

const f = Math.fround;

/** Throws unless `image` is a well-formed PdqPixels. */
export function assertPixels(image: PdqPixels): void {
  const { width, height, data, channels } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`pdq: bad dimensions ${String(width)}x${String(height)}`);
  }
  if (![1, 2, 3, 4].includes(channels)) {
    throw new RangeError(`pdq: channels must be 1, 2, 3 or 4, got ${String(channels)}`);
  }
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray)) {
    throw new TypeError('pdq: data must be a Uint8Array or Uint8ClampedArray');
  }
  if (data.length !== width * height * channels) {
    throw new RangeError(
      `pdq: data has ${String(data.length)} bytes, expected ${String(width * height * channels)}`,
    );
  }
}

/**
 * Luminance of every pixel, row-major, float32. Grey input is taken as is (the reference's grey
 * path); colour uses Y = 0.299 R + 0.587 G + 0.114 B. Alpha is ignored, as the reference
 * decodes to RGB: a transparent pixel hashes as its stored colour.
 */
export function lumaFromPixels(image: PdqPixels): Float32Array {
  assertPixels(image);
  const { width, height, data, channels } = image;
  const n = width * height;
  const luma = new Float32Array(n);
  if (channels <= 2) {
    for (let p = 0, i = 0; p < n; p++, i += channels) luma[p] = data[i] ?? 0;
    return luma;
  }
  for (let p = 0, i = 0; p < n; p++, i += channels) {
    const r = f(R * (data[i] ?? 0));
    const g = f(G * (data[i + 1] ?? 0));
    const b = f(B * (data[i + 2] ?? 0));
    luma[p] = f(f(r + g) + b);
  }
  return luma;
}
