// SPDX-License-Identifier: AGPL-3.0-or-later
// The PDQ pipeline: luminance → Jarosz downsample to 64x64 → quality → DCT to 16x16 → median bits.

import { bitsToHex, type PdqHex } from './bits';
import { DIHEDRAL_NAMES, dct64To16, dihedralDct, type DihedralName } from './dct';
import { PDQ_DOWNSAMPLE, downsampleTo64 } from './downscale';
import { lumaFromPixels, type PdqPixels } from './luma';

const f = Math.fround;

// The reference refuses to hash anything smaller: too few pixels to say anything.
const MIN_HASHABLE_DIM = 5;

const ZERO_HASH: PdqHex = '0'.repeat(64);

/** A PDQ hash and its quality (0..100; the reference suggests discarding hashes of ≤ 49). */
export interface PdqResult {
  hash: PdqHex;
  quality: number;
}

/** The hashes of all eight rotations and flips, and the (shared) quality. */
export type PdqDihedralResult = Record<DihedralName, PdqHex> & { quality: number };

/**
 * Quality 0..100 from the 64x64 downsample: the sum of quantised neighbour gradients (in
 * percent of full scale, truncated, so only significant gradients count) divided by 90 and
 * capped. A heuristic tuned by the algorithm's authors; flat or featureless images score low.
 */
export function qualityFrom64(buffer: Float32Array): number {
  const n = PDQ_DOWNSAMPLE;
  let gradientSum = 0;
  const step = (u: number, v: number): number => Math.abs(Math.trunc(f(f(f(u - v) * 100) / 255)));
  for (let i = 0; i < n - 1; i++) {
    for (let j = 0; j < n; j++)
      gradientSum += step(buffer[i * n + j] ?? 0, buffer[(i + 1) * n + j] ?? 0);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n - 1; j++)
      gradientSum += step(buffer[i * n + j] ?? 0, buffer[i * n + j + 1] ?? 0);
  }
  return Math.min(100, Math.trunc(gradientSum / 90));
}

function dctAndQuality(image: PdqPixels): { dct: Float32Array; quality: number } | null {
  const luma = lumaFromPixels(image);
  if (image.height < MIN_HASHABLE_DIM || image.width < MIN_HASHABLE_DIM) return null;
  const small = downsampleTo64(luma, image.height, image.width);
  return { dct: dct64To16(small), quality: qualityFrom64(small) };
}

/**
 * PDQ hash of an image at its full resolution. Images under 5 pixels in either dimension get
 * the all-zero hash and quality 0, as in the reference. Throws on malformed pixel data.
 */
export function pdqHash(image: PdqPixels): PdqResult {
  const r = dctAndQuality(image);
  if (!r) return { hash: ZERO_HASH, quality: 0 };
  return { hash: bitsToHex(r.dct), quality: r.quality };
}

/**
 * PDQ hashes of the image and of its 3 rotations and 4 flips, computed from one DCT. Matching
 * a candidate against all eight catches rotated or mirrored re-uploads.
 */
export function pdqDihedralHashes(image: PdqPixels): PdqDihedralResult {
  const r = dctAndQuality(image);
  const entries = DIHEDRAL_NAMES.map(
    (name) => [name, r ? bitsToHex(dihedralDct(r.dct, name)) : ZERO_HASH] as const,
  );
  return {
    ...(Object.fromEntries(entries) as Record<DihedralName, PdqHex>),
    quality: r?.quality ?? 0,
  };
}
