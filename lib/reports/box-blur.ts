// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RgbaImage } from './png-codec';

/**
 * Shrinks an image by a whole factor so it fits `maxWidth` × `maxHeight`, averaging each block.
 * Integer arithmetic only, so the same pixels give the same bytes everywhere.
 */
export function shrinkToFit(image: RgbaImage, maxWidth: number, maxHeight: number): RgbaImage {
  const f = Math.max(1, Math.ceil(image.width / maxWidth), Math.ceil(image.height / maxHeight));
  if (f === 1) return { ...image, rgba: new Uint8Array(image.rgba) };
  const width = Math.max(1, Math.floor(image.width / f));
  const height = Math.max(1, Math.floor(image.height / f));
  const out = new Uint8Array(width * height * 4);
  const n = f * f;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 4; c++) {
        let sum = 0;
        for (let dy = 0; dy < f; dy++) {
          const row = (y * f + dy) * image.width;
          for (let dx = 0; dx < f; dx++) sum += image.rgba[(row + x * f + dx) * 4 + c]!;
        }
        out[(y * width + x) * 4 + c] = Math.floor((sum + (n >> 1)) / n);
      }
    }
  }
  return { width, height, rgba: out };
}

// One running-sum pass along rows (step 4) or columns (step width*4), edges clamped.
function pass(
  src: Uint8Array,
  dst: Uint8Array,
  len: number,
  lines: number,
  along: number,
  across: number,
  r: number,
): void {
  const span = 2 * r + 1;
  for (let line = 0; line < lines; line++) {
    const base = line * across;
    for (let c = 0; c < 4; c++) {
      const at = (i: number) => src[base + Math.min(len - 1, Math.max(0, i)) * along + c]!;
      let sum = 0;
      for (let i = -r; i <= r; i++) sum += at(i);
      for (let i = 0; i < len; i++) {
        dst[base + i * along + c] = Math.floor((sum + r) / span);
        sum += at(i + r + 1) - at(i - r);
      }
    }
  }
}

/**
 * Box blur of radius `radius`, three horizontal and vertical passes (close to a Gaussian), in
 * integer arithmetic: deterministic, so a derived copy can be re-made and its hash compared.
 */
export function boxBlur(image: RgbaImage, radius: number): RgbaImage {
  const { width, height } = image;
  let a = new Uint8Array(image.rgba);
  let b = new Uint8Array(a.length);
  for (let k = 0; k < 3; k++) {
    pass(a, b, width, height, 4, width * 4, radius);
    [a, b] = [b, a];
    pass(a, b, height, width, width * 4, 4, radius);
    [a, b] = [b, a];
  }
  return { width, height, rgba: a };
}

/** Shrinks, then blurs so hard that nothing in the picture can be recognised. */
export function obscure(image: RgbaImage): RgbaImage {
  const small = shrinkToFit(image, 480, 4000);
  return boxBlur(small, Math.max(6, Math.round(small.width / 24)));
}
