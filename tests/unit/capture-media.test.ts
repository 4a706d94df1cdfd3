// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { NOT_READABLE_NOTE } from '../../lib/capture/fetch-as-page';
import { createMediaCollector, planMediaDownloads } from '../../lib/capture/media';
import {
  essenceOf,
  mediaPath,
  sniffMediaType,
  verifyMediaType,
} from '../../lib/capture/media-types';
import type { PageFetchResult } from '../../lib/capture/page-fetch';
import { isSafeSegment } from '../../lib/bundle/paths';
import { fromBase64, sha256Hex, toBase64 } from '../../lib/crypto';
import type { PostFields } from '../../lib/model/item';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const ascii = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));

describe('magic-byte sniffing', () => {
  it('recognises the image formats posts carry', () => {
    expect(sniffMediaType(PNG)?.mediaType).toBe('image/png');
    expect(sniffMediaType(JPEG)?.ext).toBe('jpg');
    expect(sniffMediaType(ascii('GIF89a....'))?.mediaType).toBe('image/gif');
    expect(sniffMediaType(ascii('RIFF\0\0\0\0WEBPVP8 '))?.mediaType).toBe('image/webp');
    expect(sniffMediaType(ascii('\0\0\0\x1cftypavif'))?.mediaType).toBe('image/avif');
    expect(sniffMediaType(ascii('\0\0\0\x18ftypisom'))?.mediaType).toBe('video/mp4');
    expect(
      sniffMediaType(new TextEncoder().encode('\uFEFF <?xml version="1.0"?><svg xmlns="x">'))?.ext,
    ).toBe('svg');
    expect(sniffMediaType(ascii('<!doctype html><html>'))).toBeUndefined();
    expect(sniffMediaType(new Uint8Array())).toBeUndefined();
  });

  it('keeps a confirmed claim, prefers the bytes over a wrong one, and flags unknown bytes', () => {
    expect(verifyMediaType('image/jpeg; charset=binary', JPEG)).toEqual({
      mediaType: 'image/jpeg',
      ext: 'jpg',
    });
    expect(verifyMediaType('image/jpg', JPEG).mismatch).toBeUndefined();
    const lying = verifyMediaType('image/jpeg', PNG);
    expect(lying.mediaType).toBe('image/png');
    expect(lying.mismatch).toBe('server said image/jpeg, bytes are image/png');
    const html = verifyMediaType('text/html', ascii('<html>login</html>'));
    expect(html).toMatchObject({ mediaType: 'application/octet-stream', ext: 'bin' });
    expect(html.mismatch).toContain('text/html');
    expect(essenceOf('Image/PNG ; q=1')).toBe('image/png');
    expect(essenceOf('"><script>')).toBe('');
  });
});

describe('media paths', () => {
  it('are safe bundle path segments whatever the extension asked for', () => {
    for (const [n, ext] of [
      [1, 'jpg'],
      [20, 'webp'],
      [0, 'png'],
      [3, '../x'],
      [4, 'a/b'],
      [5, ''],
    ] as const) {
      expect(isSafeSegment(mediaPath(n, ext))).toBe(true);
    }
    expect(mediaPath(2, 'png')).toBe('media-2.png');
    expect(mediaPath(3, '../x')).toBe('media-3.bin');
  });
});

const POST: PostFields = {
  platform: 'generic',
  media: [
    { url: 'https://cdn.example/a.png', type: 'image' },
    { url: 'https://cdn.example/v.mp4', type: 'video', poster: 'https://cdn.example/p.jpg' },
    { url: 'https://cdn.example/a.png', type: 'image' },
    { url: 'blob:https://x/1', type: 'image' },
  ],
  quoted: { platform: 'generic', media: [{ url: 'https://cdn.example/q.jpg', type: 'image' }] },
};

describe('planMediaDownloads', () => {
  it('fetches each URL once, videos by their poster, quoted media too, within the file cap', () => {
    const plan = planMediaDownloads(POST);
    expect(plan.map((d) => d.url)).toEqual([
      'https://cdn.example/a.png',
      'https://cdn.example/p.jpg',
      'https://cdn.example/q.jpg',
    ]);
    expect(plan[0]?.slots).toHaveLength(2);
    expect(plan[1]?.slots[0]?.as).toBe('poster');
    expect(planMediaDownloads(POST, 1)).toHaveLength(1);
  });
});

function pageWith(answers: Record<string, PageFetchResult>) {
  return (_tabId: number, _func: unknown, args: unknown[]) =>
    Promise.resolve((args[0] as string[]).map((url) => answers[url]));
}

describe('createMediaCollector', () => {
  it('stores verified, hashed files and writes path and hash back into post.media', async () => {
    const ok = (url: string, bytes: Uint8Array, contentType: string): PageFetchResult => ({
      url,
      ok: true,
      status: 200,
      contentType,
      base64: toBase64(bytes),
    });
    const collector = createMediaCollector({
      runInPage: pageWith({
        'https://cdn.example/a.png': ok('https://cdn.example/a.png', PNG, 'image/png'),
        'https://cdn.example/p.jpg': ok('https://cdn.example/p.jpg', JPEG, 'image/png'),
        'https://cdn.example/q.jpg': { url: 'https://cdn.example/q.jpg', ok: false, error: 'x' },
      }),
      sha256Hex,
      fromBase64,
    });
    const result = await collector.collect(1, POST);
    expect(result.files.map((f) => [f.path, f.mediaType])).toEqual([
      ['media-1.png', 'image/png'],
      ['media-2.jpg', 'image/jpeg'],
    ]);
    const pngHash = await sha256Hex(PNG);
    expect(result.post.media?.[0]).toMatchObject({ path: 'media-1.png', sha256: pngHash });
    expect(result.post.media?.[2]).toMatchObject({ path: 'media-1.png', sha256: pngHash });
    expect(result.post.media?.[1]).toMatchObject({
      url: 'https://cdn.example/v.mp4',
      posterPath: 'media-2.jpg',
      posterSha256: await sha256Hex(JPEG),
    });
    expect(result.post.media?.[1]?.sha256).toBeUndefined();
    expect(result.notes).toContain('media-2.jpg: server said image/png, bytes are image/jpeg');
    expect(result.notes).toContainEqual(expect.stringContaining('https://cdn.example/q.jpg'));
  });

  it("says why another site's file the page may not read is missing, and downloads nothing else", async () => {
    const answers: Record<string, PageFetchResult> = {};
    for (const url of ['https://cdn.example/a.png', 'https://cdn.example/p.jpg'])
      answers[url] = { url, ok: false, error: 'not readable by the page', notReadable: true };
    answers['https://cdn.example/q.jpg'] = {
      url: 'https://cdn.example/q.jpg',
      ok: false,
      error: 'x',
    };
    const collector = createMediaCollector({ runInPage: pageWith(answers), sha256Hex, fromBase64 });
    const result = await collector.collect(1, POST);
    expect(result.files).toEqual([]);
    expect(result.notes).toEqual([
      `media not downloaded: ${NOT_READABLE_NOTE}: https://cdn.example/a.png`,
      `media not downloaded: ${NOT_READABLE_NOTE}: https://cdn.example/p.jpg`,
      'media not downloaded (x): https://cdn.example/q.jpg',
    ]);
  });

  it('states the per-file and total caps when hit, and survives a page that answers nothing', async () => {
    const big = new Uint8Array(1000);
    big.set(PNG);
    const collector = createMediaCollector({
      runInPage: (_t, _f, args) =>
        Promise.resolve(
          (args[0] as string[]).map((url, i) =>
            i === 2
              ? { url, ok: false, tooLarge: true, status: 200, error: 'over' }
              : { url, ok: true, status: 200, contentType: 'image/png', base64: toBase64(big) },
          ),
        ),
      sha256Hex,
      fromBase64,
      limits: { totalBytes: 1500 },
    });
    const result = await collector.collect(1, POST);
    expect(result.files).toHaveLength(1);
    expect(result.notes.join('\n')).toMatch(
      /total cap, not downloaded: https:\/\/cdn.example\/p.jpg/,
    );
    expect(result.notes.join('\n')).toMatch(
      /per-file cap, not downloaded: https:\/\/cdn.example\/q.jpg/,
    );

    const broken = createMediaCollector({
      runInPage: () => Promise.resolve({ nonsense: true }),
      sha256Hex,
      fromBase64,
    });
    const none = await broken.collect(1, POST);
    expect(none.files).toEqual([]);
    expect(none.post).toEqual(POST);
    expect(none.notes.length).toBeGreaterThan(0);
  });
});
