// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Writes the toolbar/store icons (public/icon/<size>.png): a blue rounded square with a white
 * check mark. Run with `npx tsx scripts/make-icons.ts`; the PNGs are committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { pngFile } from './drive/png-file';

const SIZES = [16, 32, 48, 128];
function distanceToSegment(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const t = Math.max(
    0,
    Math.min(
      1,
      ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2),
    ),
  );
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}

function pixel(x: number, y: number): [number, number, number, number] {
  // Unit square coordinates; rounded corners of radius 0.2.
  const r = 0.2;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if (Math.hypot(x - cx, y - cy) > r) return [0, 0, 0, 0];
  const check = Math.min(
    distanceToSegment(x, y, 0.25, 0.52, 0.43, 0.7),
    distanceToSegment(x, y, 0.43, 0.7, 0.76, 0.32),
  );
  return check < 0.075 ? [255, 255, 255, 255] : [31, 79, 209, 255];
}

function png(size: number): Buffer {
  const rows: number[] = [];
  for (let y = 0; y < size; y++) {
    rows.push(0);
    for (let x = 0; x < size; x++) rows.push(...pixel((x + 0.5) / size, (y + 0.5) / size));
  }
  return pngFile(size, size, 6, Buffer.from(rows));
}

mkdirSync('public/icon', { recursive: true });
for (const size of SIZES) writeFileSync(`public/icon/${size}.png`, png(size));
