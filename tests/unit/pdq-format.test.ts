// SPDX-License-Identifier: AGPL-3.0-or-later
// The hash's text form and bit order, Hamming distance, and input handling.
import { describe, expect, it } from 'vitest';
import { bitsToHex } from '../../lib/pdq/bits';
import {
  hammingDistance,
  isPdqHash,
  pdqBit,
  pdqDihedralHashes,
  pdqHash,
  type PdqPixels,
} from '../../lib/pdq/index';
import { loadFixture } from './support/pdq-fixtures';

const ZERO = '0'.repeat(64);

function oneHot(k: number): Float32Array {
  const dct = new Float32Array(256);
  dct[k] = 1;
  return dct;
}

describe('PDQ hex format and bit order', () => {
  it('is 64 lowercase hex digits', () => {
    const { hash } = pdqHash(loadFixture('sunset-240x240.ppm'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(isPdqHash(hash)).toBe(true);
    expect(isPdqHash(hash.toUpperCase())).toBe(false);
    expect(isPdqHash(hash.slice(1))).toBe(false);
  });

  // Reference: bit k = 16*i + j for DCT coefficient (row i, column j), stored in 16-bit word
  // k >> 4 at bit k & 15; the text prints word 15 first, each word as %04hx.
  it('puts coefficient (0,0) in the lowest bit of the last digit and (15,15) in the first', () => {
    expect(bitsToHex(oneHot(0))).toBe(`${'0'.repeat(63)}1`);
    expect(bitsToHex(oneHot(3))).toBe(`${'0'.repeat(63)}8`);
    expect(bitsToHex(oneHot(4))).toBe(`${'0'.repeat(62)}10`);
    expect(bitsToHex(oneHot(16))).toBe(`${'0'.repeat(59)}1${'0'.repeat(4)}`);
    expect(bitsToHex(oneHot(255))).toBe(`8${'0'.repeat(63)}`);
  });

  it('pdqBit reads back every bit position', () => {
    for (let k = 0; k < 256; k++) {
      const hex = bitsToHex(oneHot(k));
      expect(pdqBit(hex, k)).toBe(1);
      expect(pdqBit(hex, (k + 1) % 256)).toBe(0);
    }
  });

  it('sets exactly the coefficients above the median: half the bits for distinct values', () => {
    const dct = Float32Array.from({ length: 256 }, (_, k) => (k * 37) % 256);
    const hex = bitsToHex(dct);
    let ones = 0;
    for (let k = 0; k < 256; k++) {
      expect(pdqBit(hex, k), `bit ${String(k)}`).toBe((dct[k] ?? 0) > 127 ? 1 : 0);
      ones += pdqBit(hex, k);
    }
    expect(ones).toBe(128);
  });
});

describe('PDQ Hamming distance', () => {
  it('counts differing bits', () => {
    const a = pdqHash(loadFixture('blocks-333x222.ppm')).hash;
    const complement = a.replace(/./g, (d) => (15 - parseInt(d, 16)).toString(16));
    expect(hammingDistance(a, a)).toBe(0);
    expect(hammingDistance(a, complement)).toBe(256);
    expect(hammingDistance(ZERO, `${'0'.repeat(63)}7`)).toBe(3);
    expect(hammingDistance(ZERO, 'f'.repeat(64))).toBe(256);
  });

  it('refuses malformed hashes instead of guessing', () => {
    expect(() => hammingDistance(ZERO, '0'.repeat(63))).toThrow(TypeError);
    expect(() => hammingDistance(ZERO, `${'0'.repeat(63)}g`)).toThrow(TypeError);
  });
});

describe('PDQ input handling', () => {
  const rgb = loadFixture('circles-200x320.ppm');

  it('hashes RGBA (getImageData) like the same RGB, ignoring alpha', () => {
    const n = rgb.width * rgb.height;
    const rgba = new Uint8ClampedArray(n * 4);
    for (let p = 0; p < n; p++) {
      rgba.set(rgb.data.subarray(p * 3, p * 3 + 3), p * 4);
      rgba[p * 4 + 3] = p % 256;
    }
    const fromRgba = pdqHash({ width: rgb.width, height: rgb.height, data: rgba, channels: 4 });
    expect(fromRgba).toEqual(pdqHash(rgb));
  });

  it('hashes grey+alpha like grey', () => {
    const grey = loadFixture('rings-grey-150x150.pgm');
    const ga = new Uint8Array(grey.data.length * 2);
    grey.data.forEach((v, i) => {
      ga[i * 2] = v;
      ga[i * 2 + 1] = 255;
    });
    expect(pdqHash({ ...grey, data: ga, channels: 2 })).toEqual(pdqHash(grey));
  });

  it('gives the zero hash and quality 0 below 5 pixels a side, as the reference does', () => {
    const tiny: PdqPixels = { width: 4, height: 100, data: new Uint8Array(400 * 3), channels: 3 };
    expect(pdqHash(tiny)).toEqual({ hash: ZERO, quality: 0 });
    expect(pdqDihedralHashes(tiny).rotate90).toBe(ZERO);
  });

  it('rates a flat image as quality 0', () => {
    const flat: PdqPixels = {
      width: 80,
      height: 60,
      data: new Uint8Array(80 * 60).fill(128),
      channels: 1,
    };
    expect(pdqHash(flat).quality).toBe(0);
  });

  it('throws on malformed pixel data', () => {
    const bad =
      (over: Partial<PdqPixels>): (() => unknown) =>
      () =>
        pdqHash({ ...rgb, ...over });
    expect(bad({ data: rgb.data.subarray(1) })).toThrow(RangeError);
    expect(bad({ width: 0 })).toThrow(RangeError);
    expect(bad({ width: 1.5 })).toThrow(RangeError);
    expect(bad({ channels: 5 as 4 })).toThrow(RangeError);
    expect(bad({ data: new Float32Array(rgb.data.length) as unknown as Uint8Array })).toThrow(
      TypeError,
    );
  });
});
