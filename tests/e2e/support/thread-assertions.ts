// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from 'vitest';
import type { ItemJson } from '../../../lib/model/item.ts';
import type { BundleContents } from './bundle-contents.ts';
import { pngSize } from './png.ts';
import { assertThreadPostMedia, THREAD_MEDIA } from './post-media-assertions.ts';

const DARKO = { handle: 'darko_v_1988', displayName: 'Darko Vuković' };
const ANON = { handle: 'troll_4821', displayName: 'anon 4821' };
const PAVEL = { handle: 'pavel_novak_77', displayName: 'Pavel Novák' };

/** The 10 posts of tests/fixtures/pages/thread-10.html, in page order: author, text, UTC time. */
const THREAD_POSTS = [
  [DARKO, 'She lives near the old market, everyone go say hi.', '2024-03-04T08:15:00.000Z'],
  [ANON, 'Make her regret ever speaking up.', '2024-03-04T09:15:00.000Z'],
  [PAVEL, 'Found her phone number, sharing soon.', '2024-03-04T10:15:00.000Z'],
  [DARKO, 'Nobody will protect you here.', '2024-03-04T11:15:00.000Z'],
  [ANON, 'Keep posting her address until she stops.', '2024-03-04T12:15:00.000Z'],
  [PAVEL, 'We know where your office is.', '2024-03-05T13:15:00.000Z'],
  [DARKO, 'This is what happens to people like her.', '2024-03-05T14:15:00.000Z'],
  [ANON, 'Spread this everywhere, tag her employer.', '2024-03-05T15:15:00.000Z'],
  [PAVEL, 'Watch your back at the protest tomorrow.', '2024-03-05T16:15:00.000Z'],
  [DARKO, 'Last warning. Delete your account.', '2024-03-05T17:15:00.000Z'],
] as const;

/** The `post` block the X extractor must give post `index` (1–10) of the fixture served as `origin`. */
export function expectedThreadPost(index: number, origin: string) {
  const [author, text, postedAt] = THREAD_POSTS[index - 1] ?? [];
  const id = `17640000000000001${String(index).padStart(2, '0')}`;
  return {
    platform: 'x',
    id,
    url: `${origin}/${author?.handle}/status/${id}`,
    text,
    postedAt,
    author: { ...author, url: `${origin}/${author?.handle}` },
  };
}

/**
 * The exported items of one thread capture of the fixture served as `origin`: the page item and
 * the 10 posts, grouped in page order; each post's `post` fields as the page shows them, its
 * element screenshot (600×200 CSS px, `dpr` device pixels each) and media hashed and confirmed
 * by `sha256sum -c` (`sha256sumOutput`).
 */
export async function assertThreadItems(options: {
  bundle: BundleContents;
  items: ItemJson[];
  groupId: string | null;
  origin: string;
  dpr: number;
  sha256sumOutput: string;
}): Promise<void> {
  const { bundle, origin } = options;
  const sorted = [...options.items].sort((a, b) => (a.group?.index ?? -1) - (b.group?.index ?? -1));
  expect(sorted.map((i) => i.group?.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  for (const item of sorted) {
    expect(item.group).toMatchObject({ id: options.groupId, kind: 'thread', total: 11 });
  }
  const [pageItem, ...posts] = sorted;
  expect(pageItem?.files.map((f) => f.role)).toContain('screenshot-full');
  for (const [i, post] of posts.entries()) {
    const expected = expectedThreadPost(i + 1, origin);
    const id = expected.id;
    expect(post.post).toMatchObject(expected);
    const media = THREAD_MEDIA[id] ?? [];
    expect(post.files.map((f) => f.role).sort()).toEqual([
      'element-snapshot',
      ...media.map(() => 'media'),
      'screenshot-element',
    ]);
    await assertThreadPostMedia({
      bundle,
      item: post,
      origin,
      sha256sumOutput: options.sha256sumOutput,
    });
    // Posts below the fold are cut from the full-page image: the same exact size.
    const shot = post.files.find((f) => f.role === 'screenshot-element');
    const png = await bundle.bytes(`items/${post.id}/${shot?.path ?? ''}`);
    expect(pngSize(png)).toEqual({ width: 600 * options.dpr, height: 200 * options.dpr });
  }
}
