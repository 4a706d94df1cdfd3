// SPDX-License-Identifier: AGPL-3.0-or-later
import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCaptureService } from '../../lib/capture/capture-tab';
import { createPostCapture } from '../../lib/capture/element-capture';
import type { ElementData } from '../../lib/capture/element-data';
import { createMediaCollector } from '../../lib/capture/media';
import { createThreadCapture } from '../../lib/capture/thread-capture';
import { createThreadProgressStore } from '../../lib/capture/thread-progress';
import { fromBase64, randomId, sha256Hex, utf8Encode } from '../../lib/crypto';
import type { ItemJson, PostFields } from '../../lib/model/item';
import { NOTE_NO_POST } from '../../lib/platforms/select-extractor';
import { captureDeps, PAGE, served } from './support/capture-fixture';

const PNG_FILE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1]);
const JPEG_FILE = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 2]);
const CDN = 'https://cdn.example';
const DOWNLOADS = {
  [`${CDN}/page.png`]: served(`${CDN}/page.png`, PNG_FILE, 'image/png'),
  [`${CDN}/a.png`]: served(`${CDN}/a.png`, PNG_FILE, 'image/png'),
  [`${CDN}/b.jpg`]: served(`${CDN}/b.jpg`, JPEG_FILE, 'image/jpeg'),
  [`${CDN}/poster.jpg`]: served(`${CDN}/poster.jpg`, JPEG_FILE, 'image/jpeg'),
};
// The page's own post (a status page): its image is not the chosen post's.
const PAGE_WITH_POST = {
  ...PAGE,
  notes: [],
  post: { platform: 'x', id: 'page', media: [{ url: `${CDN}/page.png`, type: 'image' }] },
};

function element(post?: PostFields, y = 0): ElementData {
  return {
    rect: { x: 0, y, width: 600, height: 200 },
    scroll: { x: 0, y: 0 },
    viewport: { width: 1280, height: 800 },
    devicePixelRatio: 1,
    html: '<article>post</article>',
    ...(post ? { post } : {}),
    notes: post ? [] : [NOTE_NO_POST],
  };
}

function services(elements: ElementData[], limits?: { totalBytes: number }) {
  const world = captureDeps({}, { page: PAGE_WITH_POST, downloads: DOWNLOADS });
  const runInPage = world.deps.runInPage;
  const media = createMediaCollector({ runInPage, sha256Hex, fromBase64, limits });
  const capture = createCaptureService({ ...world.deps, media });
  const cropPng = () => Promise.resolve(new Uint8Array([1, 2, 3]));
  const [first] = elements;
  const posts = createPostCapture({
    capture,
    runInPage,
    cropPng,
    utf8Encode,
    // The picker's answer when one element is asked for, every post otherwise.
    injectPostScript: () =>
      Promise.resolve(
        elements.length === 1 && first
          ? { kind: 'element', element: first }
          : { kind: 'all', pagePost: true, elements },
      ),
  });
  const thread = createThreadCapture({
    capture,
    posts,
    progress: createThreadProgressStore(fakeBrowser.storage.session),
    cropPng,
    utf8Encode,
    draftCapture: () => world.deps.vault.draftCapture(),
    sha256Hex,
    randomId,
  });
  return { posts, thread, commits: world.commits, fetched: world.fetched };
}

/** Every media entry of the item's post names a stored file whose bytes have its hash. */
async function expectMediaStored(commit: {
  item: ItemJson;
  files: Array<{ path: string; bytes: Uint8Array }>;
}) {
  const stored = new Map(commit.files.map((f) => [f.path, f.bytes]));
  for (const m of commit.item.post?.media ?? []) {
    const path = m.type === 'image' ? m.path : m.posterPath;
    const hash = m.type === 'image' ? m.sha256 : m.posterSha256;
    const bytes = stored.get(path ?? '');
    expect(bytes, path).toBeDefined();
    expect(await sha256Hex(bytes ?? new Uint8Array())).toBe(hash);
    const listed = commit.item.files.find((f) => f.path === path);
    expect(listed).toMatchObject({ role: 'media', sha256: hash });
  }
}

describe('post capture downloads the chosen post’s media', () => {
  beforeEach(() => fakeBrowser.reset());

  it('stores its images and video poster, hashed, and not the page post’s', async () => {
    const chosen: PostFields = {
      platform: 'x',
      id: 'chosen',
      media: [
        { url: `${CDN}/a.png`, type: 'image' },
        { url: `${CDN}/clip.mp4`, type: 'video', poster: `${CDN}/poster.jpg` },
      ],
    };
    const { posts, commits, fetched } = services([element(chosen)]);
    await posts.capturePost({ windowId: 7, tabId: 3 }, 'pick');
    expect(fetched).toEqual([`${CDN}/a.png`, `${CDN}/poster.jpg`]);
    const [commit] = commits;
    expect(commit?.item.post?.id).toBe('chosen');
    expect(commit?.item.post?.media?.[0]).toMatchObject({
      path: 'media-1.png',
      sha256: await sha256Hex(PNG_FILE),
    });
    expect(commit?.item.post?.media?.[1]).toMatchObject({
      url: `${CDN}/clip.mp4`,
      posterPath: 'media-2.jpg',
      posterSha256: await sha256Hex(JPEG_FILE),
    });
    expect(commit?.item.post?.media?.[1]?.sha256).toBeUndefined();
    expect(commit?.item.files.filter((f) => f.role === 'media')).toHaveLength(2);
    await expectMediaStored(commit as NonNullable<typeof commit>);
    expect(commit?.item.notes).not.toContain(NOTE_NO_POST);
  });

  it('downloads nothing for an element that shows no post, and says so once', async () => {
    const { posts, commits, fetched } = services([element()]);
    await posts.capturePost({ windowId: 7, tabId: 3 }, 'pick');
    expect(fetched).toEqual([]);
    expect(commits[0]?.item.post).toBeUndefined();
    expect(commits[0]?.item.files.some((f) => f.role === 'media')).toBe(false);
    expect(commits[0]?.item.notes?.filter((n) => n === NOTE_NO_POST)).toHaveLength(1);
  });
});

describe('thread capture downloads each post’s media', () => {
  beforeEach(() => fakeBrowser.reset());

  const withImages = (id: string, ...names: string[]): PostFields => ({
    platform: 'x',
    id,
    media: names.map((n) => ({ url: `${CDN}/${n}`, type: 'image' as const })),
  });

  it('stores every post’s images in its own item, each URL fetched once', async () => {
    const { thread, commits, fetched } = services([
      element(withImages('1', 'a.png'), 0),
      element(withImages('2', 'a.png', 'b.jpg'), 220),
      element(withImages('3'), 440),
    ]);
    const result = await thread.captureThread({ windowId: 7, tabId: 3 });
    expect(result.state).toBe('done');
    expect(fetched.sort()).toEqual([`${CDN}/a.png`, `${CDN}/b.jpg`, `${CDN}/page.png`]);
    const [pageItem, ...postItems] = commits;
    expect(pageItem?.item.post?.media?.[0]?.path).toBe('media-1.png');
    expect(postItems.map((c) => c.item.post?.id)).toEqual(['1', '2', '3']);
    const mediaPaths = postItems.map((c) =>
      c.item.files.filter((f) => f.role === 'media').map((f) => f.path),
    );
    expect(mediaPaths).toEqual([['media-1.png'], ['media-1.png', 'media-2.jpg'], []]);
    for (const commit of postItems) await expectMediaStored(commit);
    expect(postItems[1]?.item.post?.media?.[1]?.sha256).toBe(await sha256Hex(JPEG_FILE));
  });

  it('states the total cap in the item of the post whose image it stopped', async () => {
    const { thread, commits } = services(
      [element(withImages('1', 'a.png'), 0), element(withImages('2', 'b.jpg'), 220)],
      { totalBytes: PNG_FILE.byteLength * 2 },
    );
    await thread.captureThread({ windowId: 7, tabId: 3 });
    const second = commits[2]?.item;
    expect(second?.post?.id).toBe('2');
    expect(second?.files.some((f) => f.role === 'media')).toBe(false);
    expect(second?.post?.media?.[0]?.sha256).toBeUndefined();
    expect(second?.notes).toContainEqual(
      expect.stringMatching(/total cap, not downloaded: https:\/\/cdn.example\/b.jpg/),
    );
    expect(commits[1]?.item.files.filter((f) => f.role === 'media')).toHaveLength(1);
  });
});
