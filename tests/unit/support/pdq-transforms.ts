// SPDX-License-Identifier: AGPL-3.0-or-later
// Pixel edits for the PDQ robustness tests: the kinds of change a re-upload goes through.
import type { PdqPixels } from '../../../lib/pdq/index';

export function mapSamples(image: PdqPixels, fn: (v: number, i: number) => number): PdqPixels {
  return {
    ...image,
    data: Uint8Array.from(image.data, (v, i) => Math.max(0, Math.min(255, fn(v, i)))),
  };
}

/** Bilinear resampling with pixel centres aligned, like a browser's drawImage. */
export function resize(image: PdqPixels, width: number, height: number): PdqPixels {
  const { channels: c, width: w0, height: h0, data } = image;
  const out = new Uint8Array(width * height * c);
  const at = (x: number, y: number, k: number): number => data[(y * w0 + x) * c + k] ?? 0;
  for (let y = 0; y < height; y++) {
    const sy = Math.max(0, ((y + 0.5) * h0) / height - 0.5);
    const y0 = Math.min(h0 - 1, Math.floor(sy));
    const y1 = Math.min(h0 - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = Math.max(0, ((x + 0.5) * w0) / width - 0.5);
      const x0 = Math.min(w0 - 1, Math.floor(sx));
      const x1 = Math.min(w0 - 1, x0 + 1);
      const fx = sx - x0;
      for (let k = 0; k < c; k++) {
        const top = at(x0, y0, k) * (1 - fx) + at(x1, y0, k) * fx;
        const bottom = at(x0, y1, k) * (1 - fx) + at(x1, y1, k) * fx;
        out[(y * width + x) * c + k] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return { width, height, channels: c, data: out };
}

/** Moves every pixel: (x, y) of the output reads `source(x, y)` of the input. */
function remap(
  image: PdqPixels,
  width: number,
  height: number,
  source: (x: number, y: number) => [number, number],
): PdqPixels {
  const c = image.channels;
  const out = new Uint8Array(image.data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, sy] = source(x, y);
      for (let k = 0; k < c; k++)
        out[(y * width + x) * c + k] = image.data[(sy * image.width + sx) * c + k] ?? 0;
    }
  }
  return { width, height, channels: c, data: out };
}

/** The eight rotations and flips, named as the reference names their hashes. */
export function dihedralPixels(image: PdqPixels): Record<string, PdqPixels> {
  const { width: w, height: h } = image;
  return {
    original: image,
    rotate90: remap(image, h, w, (x, y) => [w - 1 - y, x]), // counter-clockwise
    rotate180: remap(image, w, h, (x, y) => [w - 1 - x, h - 1 - y]),
    rotate270: remap(image, h, w, (x, y) => [y, h - 1 - x]), // clockwise
    flipX: remap(image, w, h, (x, y) => [x, h - 1 - y]), // upside down
    flipY: remap(image, w, h, (x, y) => [w - 1 - x, y]), // mirrored left-right
    flipPlus1: remap(image, h, w, (x, y) => [y, x]), // transposed
    flipMinus1: remap(image, h, w, (x, y) => [w - 1 - y, h - 1 - x]), // anti-transposed
  };
}
