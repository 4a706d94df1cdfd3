// SPDX-License-Identifier: AGPL-3.0-or-later
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pngFile } from '../../../scripts/drive/png-file';
import type { SeededRandom } from './seeded-random';

export interface HeavyPage {
  /** File name under the fixture folder. */
  name: string;
  /** HTML plus images, in bytes. */
  bytes: number;
}

const MAX_IMAGE_BYTES = 4 * 1024 * 1024;
// Below this the images are inlined as data: URLs (they then sit in the DOM snapshot too).
const INLINE_BELOW = 1024 * 1024;

/** A valid RGB PNG of noise, stored without compression so it is about `bytes` long. */
export function noisePng(bytes: number, random: SeededRandom): Buffer {
  const width = Math.max(16, Math.floor(Math.sqrt(bytes / 3)));
  const height = Math.max(16, Math.floor(bytes / (3 * width + 1)));
  const raw = Buffer.alloc((3 * width + 1) * height);
  for (let i = 0; i + 4 <= raw.length; i += 4)
    raw.writeUInt32LE(Math.floor(random.next() * 0x100000000), i);
  for (let y = 0; y < height; y++) raw[y * (3 * width + 1)] = 0; // filter: none
  return pngFile(width, height, 2, raw, 0); // 8-bit RGB, stored
}

/**
 * Writes a page of about `bytes` (HTML plus noise images, shown small so the page stays one screen
 * tall) into `dir`. Small pages inline their images, large ones link them.
 */
export function writeHeavyPage(
  dir: string,
  name: string,
  bytes: number,
  random: SeededRandom,
): HeavyPage {
  mkdirSync(dir, { recursive: true });
  const count = Math.max(1, Math.ceil(bytes / MAX_IMAGE_BYTES));
  const inline = bytes < INLINE_BELOW;
  let linked = 0;
  const images: string[] = [];
  for (let i = 0; i < count; i++) {
    const png = noisePng(Math.floor(bytes / count), random);
    const src = inline ? `data:image/png;base64,${png.toString('base64')}` : `${name}-${i}.png`;
    if (!inline) writeFileSync(join(dir, src), png);
    if (!inline) linked += png.length;
    images.push(`<img src="${src}" alt="attachment ${i + 1}" width="160">`);
  }
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><title>Heavy page ${name}</title></head>` +
    `<body><article><h1>Threat with ${count} attachments</h1><p>Posted by @heavy_${name}</p>` +
    `${images.join('\n')}</article></body></html>\n`;
  writeFileSync(join(dir, `${name}.html`), html);
  return { name: `${name}.html`, bytes: html.length + linked };
}
