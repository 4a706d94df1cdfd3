// SPDX-License-Identifier: AGPL-3.0-or-later
// Median threshold, the reference's hex layout, and Hamming distance.

const f = Math.fround;

/** A PDQ hash: 64 lowercase hex digits (256 bits). */
export type PdqHex = string;

const HEX_RE = /^[0-9a-f]{64}$/;

/** True for a 64-digit lowercase hex string, the form every PDQ tool prints. */
export function isPdqHash(value: unknown): value is PdqHex {
  return typeof value === 'string' && HEX_RE.test(value);
}

// Torben Mogensen's median (public domain, via N. Devillard), as the reference's torben.cpp.
// Kept instead of a sort because for an even count it returns a particular one of the two middle
// values (or the midpoint guess), and the threshold must be that same value.
export function torbenMedian(m: Float32Array): number {
  const n = m.length;
  let min = m[0] ?? 0;
  let max = min;
  for (const v of m) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const half = Math.trunc((n + 1) / 2);
  for (;;) {
    const guess = f(f(min + max) / 2);
    let less = 0;
    let greater = 0;
    let equal = 0;
    let maxLtGuess = min;
    let minGtGuess = max;
    for (const v of m) {
      if (v < guess) {
        less++;
        if (v > maxLtGuess) maxLtGuess = v;
      } else if (v > guess) {
        greater++;
        if (v < minGtGuess) minGtGuess = v;
      } else {
        equal++;
      }
    }
    if (less <= half && greater <= half) {
      if (less >= half) return maxLtGuess;
      if (less + equal >= half) return guess;
      return minGtGuess;
    }
    if (less > greater) max = maxLtGuess;
    else min = minGtGuess;
  }
}

/**
 * Bit k = i*16 + j is set when coefficient (i, j) exceeds the median. Bits are packed into
 * sixteen 16-bit words, word k >> 4, bit k & 15; the hex prints word 15 first, each word as 4
 * digits, most significant first — so bit 0 is the last hex digit's lowest bit.
 */
export function bitsToHex(dct16x16: Float32Array): PdqHex {
  const median = torbenMedian(dct16x16);
  const words = new Uint16Array(16);
  for (let k = 0; k < 256; k++) {
    if ((dct16x16[k] ?? 0) > median) words[k >> 4] = (words[k >> 4] ?? 0) | (1 << (k & 15));
  }
  let hex = '';
  for (let w = 15; w >= 0; w--) hex += (words[w] ?? 0).toString(16).padStart(4, '0');
  return hex;
}

/** The value of bit k (0..255) of a PDQ hash, in the reference's numbering (getBit). */
export function pdqBit(hash: PdqHex, k: number): 0 | 1 {
  if (!isPdqHash(hash)) throw new TypeError('pdq: not a 64-digit hex hash');
  if (!Number.isInteger(k) || k < 0 || k > 255) throw new RangeError('pdq: bit index 0..255');
  const digit = parseInt(hash[63 - (k >> 2)] ?? '0', 16);
  return ((digit >> (k & 3)) & 1) as 0 | 1;
}

/** Number of differing bits between two PDQ hashes (0..256). Throws on malformed input. */
export function hammingDistance(a: PdqHex, b: PdqHex): number {
  if (!isPdqHash(a) || !isPdqHash(b)) throw new TypeError('pdq: not a 64-digit hex hash');
  let d = 0;
  for (let i = 0; i < 64; i += 8) {
    let x = (parseInt(a.slice(i, i + 8), 16) ^ parseInt(b.slice(i, i + 8), 16)) >>> 0;
    while (x) {
      x &= x - 1;
      d++;
    }
  }
  return d;
}
