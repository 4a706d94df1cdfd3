// SPDX-License-Identifier: AGPL-3.0-or-later
// The 2D DCT from 64x64 to the 16x16 lowest non-DC frequencies, and the sign/transpose tricks
// that give the hashes of the image's 8 rotations and flips without re-hashing, after the
// reference's dct64To16 and dct16OriginalTo* in pdqhashing.cpp.

const f = Math.fround;
const N = 64;
const K = 16;

// Rows 1..16 of the 64-point DCT-II basis (row 0, the DC term, is skipped), scaled by sqrt(2/64).
// The cosine is taken in float64 and stored in float32, as the reference does.
const DCT_MATRIX: Float32Array = (() => {
  const scale = f(Math.sqrt(2 / N));
  const m = new Float32Array(K * N);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < N; j++) {
      m[i * N + j] = scale * Math.cos((Math.PI / 2 / N) * (i + 1) * (2 * j + 1));
    }
  }
  return m;
})();

/** B = D A Dᵀ for a 64x64 row-major A; returns 16x16 row-major. Sums in float32, k ascending. */
export function dct64To16(a: Float32Array): Float32Array {
  const d = DCT_MATRIX;
  const t = new Float32Array(K * N);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < N; j++) {
      let sum = 0;
      for (let k = 0; k < N; k++) sum = f(sum + f((d[i * N + k] ?? 0) * (a[k * N + j] ?? 0)));
      t[i * N + j] = sum;
    }
  }
  const b = new Float32Array(K * K);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      let sum = 0;
      for (let k = 0; k < N; k++) sum = f(sum + f((t[i * N + k] ?? 0) * (d[j * N + k] ?? 0)));
      b[i * K + j] = sum;
    }
  }
  return b;
}

/**
 * The eight dihedral transforms, in the reference's output order and with its names: rotate90
 * is counter-clockwise, rotate270 clockwise, flipX turns the image upside down, flipY mirrors
 * it left-right, flipPlus1 transposes it and flipMinus1 mirrors it across the other diagonal.
 */
export const DIHEDRAL_NAMES = [
  'original',
  'rotate90',
  'rotate180',
  'rotate270',
  'flipX',
  'flipY',
  'flipPlus1',
  'flipMinus1',
] as const;

/** One of the eight rotations and flips of an image. */
export type DihedralName = (typeof DIHEDRAL_NAMES)[number];

// Odd-index DCT basis functions are antisymmetric, so mirroring the image negates them and
// rotating by 90° transposes the coefficient matrix. Each entry: transpose?, and which
// coefficients (by row i, column j parity) change sign.
const TRANSFORMS: Record<
  DihedralName,
  { transpose: boolean; negate: (i: number, j: number) => boolean }
> = {
  original: { transpose: false, negate: () => false },
  rotate90: { transpose: true, negate: (_i, j) => (j & 1) === 0 },
  rotate180: { transpose: false, negate: (i, j) => ((i + j) & 1) === 1 },
  rotate270: { transpose: true, negate: (i) => (i & 1) === 0 },
  flipX: { transpose: false, negate: (i) => (i & 1) === 0 },
  flipY: { transpose: false, negate: (_i, j) => (j & 1) === 0 },
  flipPlus1: { transpose: true, negate: () => false },
  flipMinus1: { transpose: true, negate: (i, j) => ((i + j) & 1) === 1 },
};

/** The 16x16 DCT of a transformed image, derived from the original's (`a`, row-major). */
export function dihedralDct(a: Float32Array, name: DihedralName): Float32Array {
  const { transpose, negate } = TRANSFORMS[name];
  const b = new Float32Array(K * K);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      const v = a[i * K + j] ?? 0;
      b[transpose ? j * K + i : i * K + j] = negate(i, j) ? -v : v;
    }
  }
  return b;
}
