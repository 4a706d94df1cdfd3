// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { decodePng } from '../../lib/reports/png-codec';
import {
  createScriptImageReducer,
  fitWithin,
  REPORT_IMAGE_MAX,
} from '../../lib/reports/report-image';
import { createStreamZlib } from '../../lib/reports/zlib-streams';
import { pngFile } from '../../scripts/drive/png-file';
import { patternPng } from './support/report-fixture';

const zlib = createStreamZlib();

/** An RGB PNG whose rows use `filterOf(y)`, filtered here as the PNG specification defines. */
function filteredPng(w: number, h: number, px: Uint8Array, filterOf: (y: number) => number) {
  const bpp = 3;
  const stride = w * bpp;
  const raw = Buffer.alloc(h * (stride + 1));
  const at = (y: number, x: number) => (y < 0 || x < 0 ? 0 : px[y * stride + x]!);
  for (let y = 0; y < h; y++) {
    const type = filterOf(y);
    raw[y * (stride + 1)] = type;
    for (let x = 0; x < stride; x++) {
      const a = at(y, x - bpp);
      const b = at(y - 1, x);
      const c = at(y - 1, x - bpp);
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][type]!;
      raw[y * (stride + 1) + 1 + x] = (at(y, x) - pred) & 0xff;
    }
  }
  return new Uint8Array(pngFile(w, h, 2, raw));
}

describe('report images', () => {
  it('decodes rows of every PNG filter type to the exact pixels', async () => {
    const [w, h] = [37, 23];
    const px = new Uint8Array(w * h * 3).map((_, i) => (i * 7919 + (i >> 5) * 31) & 0xff);
    const each = [0, 1, 2, 3, 4].map((t) => (_y: number) => t);
    for (const filterOf of [...each, (y: number) => y % 5]) {
      const { width, height, rgba } = await decodePng(filteredPng(w, h, px, filterOf), zlib);
      expect([width, height]).toEqual([w, h]);
      const rgb = rgba.filter((_, i) => i % 4 !== 3);
      expect(Buffer.from(rgb).equals(Buffer.from(px))).toBe(true);
    }
  });

  it('fits a size within the bound, keeping its proportions and never enlarging', () => {
    expect(fitWithin(1920, 30_000, REPORT_IMAGE_MAX)).toEqual({ width: 730, height: 11_400 });
    expect(fitWithin(1920, 1080, REPORT_IMAGE_MAX)).toEqual({ width: 1000, height: 563 });
    expect(fitWithin(640, 480, REPORT_IMAGE_MAX)).toEqual({ width: 640, height: 480 });
  });

  it('returns an image within the bound unchanged, and shrinks a larger one', async () => {
    const reduce = createScriptImageReducer(zlib);
    const small = await patternPng(320, 200, 1);
    const same = await reduce(small, 'image/png', REPORT_IMAGE_MAX);
    expect(same.bytes).toBe(small);
    expect(same.reduced).toBeUndefined();

    const tall = await patternPng(300, 2000, 2);
    const shown = await reduce(tall, 'image/png', { width: 1000, height: 700 });
    expect(shown.reduced).toEqual({
      from: { width: 300, height: 2000 },
      to: { width: 100, height: 666 },
    });
    const decoded = await decodePng(shown.bytes, zlib);
    expect([decoded.width, decoded.height]).toEqual([100, 666]);
    // The caller's bytes are only read.
    expect(Buffer.from(tall).equals(Buffer.from(await patternPng(300, 2000, 2)))).toBe(true);
  });
});
