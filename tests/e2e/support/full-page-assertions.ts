// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from 'vitest';
import type { ItemJson } from '../../../lib/model/item.ts';
import { openBundle } from './bundle-contents.ts';
import { decodePng, pngSize } from './png.ts';

/** tests/fixtures/pages/tall-page.html: a 60 px sticky header and twelve 495 px bands. */
export const TALL_PAGE = {
  file: 'tall-page.html',
  header: { height: 60, rgb: [0xff, 0x00, 0xff] as const },
  band: { height: 495 },
  bands: [
    '1f77b4',
    '2ca02c',
    'd62728',
    '9467bd',
    '8c564b',
    '17becf',
    'bcbd22',
    '7f7f7f',
    'ff7f0e',
    'aec7e8',
    '98df8a',
    'ffbb78',
  ].map((hex) => [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16))),
};

const close = (a: readonly number[], b: readonly number[]) =>
  a.every((v, i) => Math.abs(v - (b[i] ?? 0)) <= 2);

/**
 * The exported full-page screenshot of the tall page: as tall as the page, the sticky header at
 * the top only, the bands in order. Returns the item for further checks.
 */
export async function assertTallPageBundle(options: {
  bundle: string;
  itemId: string;
  scrollHeight: number;
  devicePixelRatio: number;
}): Promise<{ item: ItemJson; read: (path: string) => Promise<Uint8Array> }> {
  const contents = await openBundle(options.bundle);
  const dir = `items/${options.itemId}`;
  const item = await contents.json<ItemJson>(`${dir}/item.json`);
  const full = item.files.find((f) => f.role === 'screenshot-full');
  expect(full, JSON.stringify(item.notes)).toBeDefined();
  expect(full?.mediaType).toBe('image/png');
  const png = await contents.bytes(`${dir}/${full?.path}`);
  const dpr = options.devicePixelRatio;
  expect(pngSize(png).height).toBe(Math.round(options.scrollHeight * dpr));

  const image = decodePng(png);
  const x = Math.round(40 * dpr);
  const headerRows: number[] = [];
  for (let y = 0; y < image.height; y++) {
    if (close(image.rgb(x, y), TALL_PAGE.header.rgb)) headerRows.push(y);
  }
  // The header shows once, at the top, and nowhere else down the image.
  expect(headerRows.length).toBe(Math.round(TALL_PAGE.header.height * dpr));
  expect(Math.max(...headerRows)).toBeLessThan(Math.round(TALL_PAGE.header.height * dpr));
  TALL_PAGE.bands.forEach((rgb, i) => {
    const middle = TALL_PAGE.header.height + (i + 0.5) * TALL_PAGE.band.height;
    const top = TALL_PAGE.header.height + i * TALL_PAGE.band.height + 5;
    for (const y of [top, middle]) {
      const seen = image.rgb(x, Math.round(y * dpr));
      expect(close(seen, rgb), `band ${i + 1} at y=${y}: got ${seen.join(',')}`).toBe(true);
    }
  });
  expect(item.notes ?? []).not.toContainEqual(expect.stringMatching(/capped|failed/));
  return { item, read: (path) => contents.bytes(`${dir}/${path}`) };
}
