// SPDX-License-Identifier: AGPL-3.0-or-later
// Jarosz box-filter downsampling to 64x64, after the reference's downscaling.cpp: two passes of
// (box along rows, box along columns) approximate a tent filter, then one sample is taken at the
// centre of each output cell. Sums stay float32 so results match the reference bit for bit.

const f = Math.fround;

/** PDQ's working size: the DCT reads a 64x64 luminance image. */
export const PDQ_DOWNSAMPLE = 64;

// Two X,Y passes of box filters make a tent filter.
const JAROSZ_PASSES = 2;

/**
 * Box window for one pass, rounded up: half of (old / new) per pass, since two passes together
 * cover a full output cell (1024 → 64 uses windows of 8).
 */
export function jaroszWindowSize(oldDimension: number, newDimension: number): number {
  return Math.trunc((oldDimension + 2 * newDimension - 1) / (2 * newDimension));
}

// A centred running mean whose window shrinks at both ends, so edges average fewer pixels
// instead of padding. Same four phases, and so the same float rounding, as box1DFloat.
function box1d(
  input: Float32Array,
  output: Float32Array,
  start: number,
  length: number,
  stride: number,
  window: number,
): void {
  const half = Math.trunc((window + 2) / 2);
  const phase1 = half - 1;
  const phase2 = window - half + 1;
  const phase3 = length - window;
  const phase4 = half - 1;
  let li = start;
  let ri = start;
  let oi = start;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < phase1; i++, ri += stride) {
    sum = f(sum + (input[ri] ?? 0));
    count++;
  }
  for (let i = 0; i < phase2; i++, ri += stride, oi += stride) {
    sum = f(sum + (input[ri] ?? 0));
    count++;
    output[oi] = sum / count;
  }
  for (let i = 0; i < phase3; i++, li += stride, ri += stride, oi += stride) {
    sum = f(sum + (input[ri] ?? 0));
    sum = f(sum - (input[li] ?? 0));
    output[oi] = sum / count;
  }
  for (let i = 0; i < phase4; i++, li += stride, oi += stride) {
    sum = f(sum - (input[li] ?? 0));
    count--;
    output[oi] = sum / count;
  }
}

// In place on `a` (numRows x numCols, row-major), using `b` as scratch, like jaroszFilterFloat.
function jaroszFilter(
  a: Float32Array,
  b: Float32Array,
  numRows: number,
  numCols: number,
  windowAlongRows: number,
  windowAlongCols: number,
): void {
  for (let pass = 0; pass < JAROSZ_PASSES; pass++) {
    for (let i = 0; i < numRows; i++) box1d(a, b, i * numCols, numCols, 1, windowAlongRows);
    for (let j = 0; j < numCols; j++) box1d(b, a, j, numRows, numCols, windowAlongCols);
  }
}

// Nearest sample at the centre of each output cell ("target centers not corners").
function decimate(input: Float32Array, numRows: number, numCols: number): Float32Array {
  const out = new Float32Array(PDQ_DOWNSAMPLE * PDQ_DOWNSAMPLE);
  for (let oi = 0; oi < PDQ_DOWNSAMPLE; oi++) {
    const ii = Math.trunc(((oi + 0.5) * numRows) / PDQ_DOWNSAMPLE);
    for (let oj = 0; oj < PDQ_DOWNSAMPLE; oj++) {
      const ij = Math.trunc(((oj + 0.5) * numCols) / PDQ_DOWNSAMPLE);
      out[oi * PDQ_DOWNSAMPLE + oj] = input[ii * numCols + ij] ?? 0;
    }
  }
  return out;
}

/**
 * Blur and decimate a numRows x numCols luminance image to 64x64 (row-major). `luma` is left
 * untouched. A 64x64 input is copied as is, as the reference does (its windows would be 1 anyway).
 */
export function downsampleTo64(luma: Float32Array, numRows: number, numCols: number): Float32Array {
  if (numRows === PDQ_DOWNSAMPLE && numCols === PDQ_DOWNSAMPLE) return Float32Array.from(luma);
  const a = Float32Array.from(luma);
  const b = new Float32Array(a.length);
  jaroszFilter(
    a,
    b,
    numRows,
    numCols,
    jaroszWindowSize(numCols, PDQ_DOWNSAMPLE),
    jaroszWindowSize(numRows, PDQ_DOWNSAMPLE),
  );
  return decimate(a, numRows, numCols);
}
