// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import type { ItemJson } from '../../../lib/model/item.ts';
import { openBundle } from './bundle-contents.ts';
import { checkWithStockTools, runVerifyCli } from './stock-checks.ts';

const ASSETS = resolve(import.meta.dirname, '../../fixtures/pages/media-post');

/** tests/fixtures/pages/media-post.html: a post with two images and a video with a poster. */
export const MEDIA_POST = { file: 'media-post.html', title: 'Harassment with photos' };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const asset = (name: string) => new Uint8Array(readFileSync(join(ASSETS, name)));

/**
 * The exported bundle of a capture of the media post: media files hashed in item.json,
 * post.media and SHA256SUMS; a self-contained, script-free HTML archive whose inlined images
 * decode to the served bytes and which refers to no resource of the fixture server.
 */
export async function assertMediaPostBundle(options: {
  bundle: string;
  itemId: string;
  fingerprint: string;
  origin: string;
}): Promise<ItemJson> {
  const { bundle, itemId, origin } = options;
  const verified = runVerifyCli(bundle);
  expect(verified.code, verified.output).toBe(0);
  expect(checkWithStockTools(bundle).gpgStatus).toContain(`VALIDSIG ${options.fingerprint}`);
  const contents = await openBundle(bundle);
  const item = await contents.json<ItemJson>(`items/${itemId}/item.json`);
  const sums = await contents.text('SHA256SUMS');
  const read = (path: string) => contents.bytes(`items/${itemId}/${path}`);
  for (const file of item.files) {
    expect(sums).toContain(`${file.sha256}  items/${itemId}/${file.path}`);
    expect(sha256(await read(file.path))).toBe(file.sha256);
  }

  // Media: the two images as themselves, the video by URL with its poster downloaded.
  const media = item.post?.media ?? [];
  const url = (name: string) => `${origin}/media-post/${name}`;
  const expectations: Array<[number, string, 'image' | 'video']> = [
    [0, 'photo-1.png', 'image'],
    [1, 'photo-2.jpg', 'image'],
    [2, 'clip.mp4', 'video'],
  ];
  for (const [i, name, type] of expectations)
    expect(media[i]).toMatchObject({ url: url(name), type });
  const byPath = new Map(item.files.map((f) => [f.path, f]));
  const check = (
    path: string | undefined,
    hash: string | undefined,
    name: string,
    type: string,
  ) => {
    const file = byPath.get(path ?? '');
    expect(file?.role).toBe('media');
    expect(file?.mediaType).toBe(type);
    expect(path).toMatch(/^media-\d+\.[a-z0-9]+$/);
    expect(hash).toBe(sha256(asset(name)));
    expect(file?.sha256).toBe(hash);
  };
  check(media[0]?.path, media[0]?.sha256, 'photo-1.png', 'image/png');
  check(media[1]?.path, media[1]?.sha256, 'photo-2.jpg', 'image/jpeg');
  expect(media[2]?.poster).toBe(url('poster.jpg'));
  expect(media[2]?.sha256).toBeUndefined();
  check(media[2]?.posterPath, media[2]?.posterSha256, 'poster.jpg', 'image/jpeg');
  expect(item.files.filter((f) => f.role === 'media')).toHaveLength(3);

  // The self-contained archive.
  const archiveFile = item.files.find((f) => f.role === 'page-archive-html');
  expect(archiveFile?.mediaType).toBe('text/html');
  const html = new TextDecoder().decode(await read(archiveFile?.path ?? ''));
  // Booleans rather than matchers on `html`: a failure must not print a 200 KB document.
  const has = (pattern: RegExp | string) =>
    typeof pattern === 'string' ? html.includes(pattern) : pattern.test(html);
  expect(has(/^<!DOCTYPE html>\n<!-- Attest self-contained page archive/)).toBe(true);
  expect(has(`URL: ${origin}/${MEDIA_POST.file}`)).toBe(true);
  expect(has(`Captured: ${item.capturedAt}`)).toBe(true);
  expect(has('Look who we found')).toBe(true);
  expect(has(/<script/i)).toBe(false);
  expect(has('Content-Security-Policy')).toBe(true);
  // No resource of the page is fetched from the server when the archive is opened. Addresses
  // kept for the reader in data-attest-* attributes (the video's) are not loads.
  const loads =
    html.match(/(?<=\s)(?:src|href|poster|srcset|background)="[^"]*"|url\([^)]*\)/g) ?? [];
  expect(loads.filter((l) => l.includes(origin) || /^\w+="\/|media-post\//.test(l))).toEqual([]);
  for (const name of [
    'style.css',
    'imported.css',
    'fixture-font.woff2',
    'background.png',
    'logo.png',
    'favicon.png',
    'poster.jpg',
  ]) {
    const load = new RegExp(`(?<=\\s)(?:src|href|poster)="[^"]*${name.replace('.', '\\.')}`);
    expect(has(load), name).toBe(false);
  }
  const dataImages = [...html.matchAll(/data:(image\/[a-z+.-]+);base64,([A-Za-z0-9+/=]+)/g)];
  const decoded = new Set(dataImages.map((m) => sha256(Buffer.from(m[2] ?? '', 'base64'))));
  for (const name of ['photo-1.png', 'photo-2.jpg', 'poster.jpg', 'logo.png', 'favicon.png'])
    expect(decoded.has(sha256(asset(name))), name).toBe(true);
  // Stylesheets: the link became a <style>, the @import a data: stylesheet whose url() is inline.
  const cssData = [...html.matchAll(/data:text\/css;base64,([A-Za-z0-9+/=]+)/g)].map((m) =>
    Buffer.from(m[1] ?? '', 'base64').toString('utf8'),
  );
  expect(cssData.some((css) => css.includes('.banner'))).toBe(true);
  const inner = cssData.join('\n');
  const innerImages = [...inner.matchAll(/data:image\/png;base64,([A-Za-z0-9+/=]+)/g)];
  expect(innerImages.map((m) => sha256(Buffer.from(m[1] ?? '', 'base64')))).toContain(
    sha256(asset('logo.png')),
  );
  const font = html.match(/data:font\/woff2;base64,([A-Za-z0-9+/=]+)/);
  expect(sha256(Buffer.from(font?.[1] ?? '', 'base64'))).toBe(sha256(asset('fixture-font.woff2')));
  const background = html.match(/url\("data:image\/png;base64,([A-Za-z0-9+/=]+)"\) repeat-x/);
  expect(sha256(Buffer.from(background?.[1] ?? '', 'base64'))).toBe(
    sha256(asset('background.png')),
  );
  // The same-origin frame is inlined, sandboxed and script-free.
  expect(has(/<iframe[^>]*sandbox=""[^>]*srcdoc="[^"]*Embedded frame text/)).toBe(true);
  // Its script's effect on the DOM is what the user saw and stays; the script itself does not.
  expect(has('frame script ran')).toBe(true);
  expect(has('document.body.append')).toBe(false);
  const archiveNotes = (item.notes ?? []).filter((n) => n.startsWith('HTML archive'));
  // Only the video itself (clip.mp4, parked, never fetched) may be missing; nothing else failed.
  expect(archiveNotes).toEqual([]);
  return item;
}

/** tests/fixtures/pages/cross-origin-image.html, showing files of the `other` origin. */
export function crossOriginPageUrl(origin: string, other: string): string {
  return `${origin}/cross-origin-image.html?other=${encodeURIComponent(other)}`;
}

/**
 * On the cross-origin page as loaded: it shows the `other` origin's photo, yet may not read it
 * (no CORS headers). `evaluate` runs an expression in the page and awaits its value.
 */
export async function expectShownNotReadable(
  evaluate: (expression: string) => Promise<unknown>,
  other: string,
): Promise<void> {
  expect(await evaluate(`document.querySelector('#remote').naturalWidth`)).toBeGreaterThan(0);
  const url = JSON.stringify(`${other}/media-post/photo-2.jpg`);
  expect(await evaluate(`fetch(${url}).then(() => true, () => false)`)).toBe(false);
}

/**
 * The exported capture of the cross-origin page: its HTML archive loads nothing from the other
 * origin and the text file the page pointed an image at is not in it. With `kept`, it holds the
 * other origin's photo and CSS background as data: URIs of the served bytes (Firefox, whose
 * content script may read them); without, neither (Chromium: the page may not read them, and
 * the extension does not download them itself). Returns the item's archive notes.
 */
export async function assertCrossOriginArchive(options: {
  bundle: string;
  itemId: string;
  other: string;
  kept: boolean;
}): Promise<string[]> {
  const { itemId, other } = options;
  checkWithStockTools(options.bundle);
  const contents = await openBundle(options.bundle);
  const item = await contents.json<ItemJson>(`items/${itemId}/item.json`);
  const archiveFile = item.files.find((f) => f.role === 'page-archive-html');
  expect(archiveFile, (item.notes ?? []).join('\n')).toBeDefined();
  const bytes = await contents.bytes(`items/${itemId}/${archiveFile?.path ?? ''}`);
  expect(sha256(bytes)).toBe(archiveFile?.sha256);
  const html = new TextDecoder().decode(bytes);
  const inlined = (type: string) =>
    [...html.matchAll(new RegExp(`data:${type};base64,([A-Za-z0-9+/=]+)`, 'g'))].map((m) =>
      sha256(Buffer.from(m[1] ?? '', 'base64')),
    );
  expect(html.includes('id="remote"')).toBe(true);
  expect(inlined('image/jpeg').includes(sha256(asset('photo-2.jpg')))).toBe(options.kept);
  expect(inlined('image/png').includes(sha256(asset('background.png')))).toBe(options.kept);
  const readme = sha256(asset('README.md'));
  expect(inlined('[a-z]+/[a-z0-9.+-]+').includes(readme)).toBe(false);
  const loads = html.match(/(?<=\s)(?:src|href|poster|srcset|background)="[^"]*"|url\([^)]*\)/g);
  expect((loads ?? []).filter((l) => l.includes(other))).toEqual([]);
  return (item.notes ?? []).filter((n) => n.startsWith('HTML archive'));
}
