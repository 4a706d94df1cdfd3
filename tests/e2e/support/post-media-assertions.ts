// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import type { ItemJson } from '../../../lib/model/item.ts';
import type { BundleContents } from './bundle-contents.ts';
import { routesFor } from './https-hosts.ts';

const ASSETS = resolve(import.meta.dirname, '../../fixtures/pages/media-post');
const NAMES = ['photo-1.png', 'photo-2.jpg', 'poster.jpg'];

/** The images of tests/fixtures/pages/thread-10.html, at the root-relative paths it uses. */
export const THREAD_MEDIA_ROUTES = routesFor('/media-post/', ASSETS, NAMES);

/** Post id → the fixture files its media entries must be stored as, in order. */
export const THREAD_MEDIA: Record<string, Array<{ as: 'image' | 'poster'; name: string }>> = {
  '1764000000000000103': [
    { as: 'image', name: 'photo-1.png' },
    { as: 'poster', name: 'poster.jpg' },
  ],
  '1764000000000000105': [{ as: 'image', name: 'photo-2.jpg' }],
  '1764000000000000108': [{ as: 'image', name: 'photo-1.png' }],
};

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * A post item of the thread fixture in an exported bundle: each of its media entries names a
 * `media` file of the item whose SHA-256 is the served file's, is listed in SHA256SUMS and was
 * confirmed by `sha256sum -c` (`sums`: its output); a post without media has no media file.
 */
export async function assertThreadPostMedia(options: {
  bundle: BundleContents;
  item: ItemJson;
  origin: string;
  sha256sumOutput: string;
}): Promise<void> {
  const { bundle, item, origin } = options;
  const expected = THREAD_MEDIA[item.post?.id ?? ''] ?? [];
  const mediaFiles = item.files.filter((f) => f.role === 'media');
  expect(mediaFiles, item.notes?.join('\n')).toHaveLength(expected.length);
  const listed = await bundle.text('SHA256SUMS');
  for (const [i, want] of expected.entries()) {
    const entry = item.post?.media?.[i];
    const url = `${origin}/media-post/${want.name}`;
    const path = want.as === 'image' ? entry?.path : entry?.posterPath;
    const hash = want.as === 'image' ? entry?.sha256 : entry?.posterSha256;
    expect(want.as === 'image' ? entry?.url : entry?.poster).toBe(url);
    expect(hash, `${item.post?.id} ${want.name}`).toBe(
      sha256(new Uint8Array(readFileSync(join(ASSETS, want.name)))),
    );
    expect(mediaFiles.find((f) => f.path === path)?.sha256).toBe(hash);
    const inBundle = `items/${item.id}/${path ?? ''}`;
    expect(sha256(await bundle.bytes(inBundle))).toBe(hash);
    expect(listed).toContain(`${hash ?? ''}  ${inBundle}\n`);
    expect(options.sha256sumOutput).toContain(`${inBundle}: OK\n`);
  }
}
