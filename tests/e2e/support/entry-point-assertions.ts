// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import type { ItemJson } from '../../../lib/model/item.ts';
import { downloadedFile, exportItems, type DrivenPage } from '../../../scripts/drive/flow.ts';
import { openBundle, type BundleContents } from './bundle-contents.ts';
import { THREAD_URL } from './entry-points.ts';
import { pngSize } from './png.ts';
import { assertThreadPostMedia } from './post-media-assertions.ts';
import { checkWithStockTools } from './stock-checks.ts';
import { expectedThreadPost } from './thread-assertions.ts';

const ORIGIN = new URL(THREAD_URL).origin;
const PHOTO = resolve(import.meta.dirname, '../../fixtures/pages/media-post/photo-1.png');

/** The item each entry point committed, by case. */
export interface EntryPointItems {
  menuPost: string;
  menuImage: string;
  menuPage: string;
  keyPage: string;
  keyPost: string;
}

async function assertPostItem(
  bundle: BundleContents,
  item: ItemJson,
  index: number,
  dpr: number,
  sha256sum: string,
) {
  expect(item.post).toMatchObject(expectedThreadPost(index, ORIGIN));
  expect(item.notes ?? []).not.toContain('post fields not detected');
  const shot = item.files.find((f) => f.role === 'screenshot-element');
  expect(shot?.mediaType).toBe('image/png');
  // The post's own box (600×200 CSS px in the fixture), not the page's.
  const png = await bundle.bytes(`items/${item.id}/${shot?.path ?? ''}`);
  expect(pngSize(png)).toEqual({ width: 600 * dpr, height: 200 * dpr });
  const html = await bundle.text(`items/${item.id}/element.html`);
  expect(html).toContain(expectedThreadPost(index, ORIGIN).text);
  await assertThreadPostMedia({ bundle, item, origin: ORIGIN, sha256sumOutput: sha256sum });
}

function assertPageItem(item: ItemJson) {
  expect(item.source.url).toBe(THREAD_URL);
  const roles = item.files.map((f) => f.role);
  expect(roles).toEqual(expect.arrayContaining(['screenshot-visible', 'screenshot-full']));
  expect(roles).not.toContain('screenshot-element');
  expect(item.files.some((f) => f.path.startsWith('chosen-image'))).toBe(false);
}

/**
 * Exports every entry point's item in one bundle and checks it: stock tools and check-bundle
 * accept it; the menu's and the shortcut's posts carry the post's fields, element screenshot and
 * media; the chosen image is the served file byte for byte, listed and confirmed by sha256sum;
 * the page captures are of the page.
 */
export async function assertEntryPointBundle(options: {
  vault: DrivenPage;
  ids: EntryPointItems;
  dpr: number;
}): Promise<void> {
  const { ids, dpr } = options;
  const all = Object.values(ids).filter((id): id is string => typeof id === 'string');
  expect(new Set(all).size).toBe(all.length);
  const { downloadId } = await exportItems(options.vault, all, 180_000);
  const path = await downloadedFile(options.vault, downloadId);
  const { sha256sum, checkBundle } = checkWithStockTools(path);
  expect(checkBundle).toBeTruthy();
  const bundle = await openBundle(path);
  const item = (id: string) => bundle.json<ItemJson>(`items/${id}/item.json`);

  await assertPostItem(bundle, await item(ids.menuPost), 3, dpr, sha256sum);
  await assertPostItem(bundle, await item(ids.keyPost), 2, dpr, sha256sum);
  assertPageItem(await item(ids.menuPage));
  assertPageItem(await item(ids.keyPage));

  const image = await item(ids.menuImage);
  expect(image.source.url).toBe(THREAD_URL);
  const chosen = image.files.find((f) => f.path.startsWith('chosen-image'));
  const served = createHash('sha256').update(readFileSync(PHOTO)).digest('hex');
  expect(chosen).toMatchObject({ path: 'chosen-image.png', role: 'media', sha256: served });
  const inBundle = `items/${image.id}/chosen-image.png`;
  expect(
    createHash('sha256')
      .update(await bundle.bytes(inBundle))
      .digest('hex'),
  ).toBe(served);
  expect(await bundle.text('SHA256SUMS')).toContain(`${served}  ${inBundle}\n`);
  expect(sha256sum).toContain(`${inBundle}: OK\n`);
  expect(image.notes).toContain(
    `chosen-image.png: the image chosen with the context menu, downloaded from ${ORIGIN}/media-post/photo-1.png`,
  );
}
