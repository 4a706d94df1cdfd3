// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The embedded media of a captured post, kept as evidence files: every image of the post (and of
 * the post it quotes) and every video's poster frame, downloaded from the page's own URLs,
 * type-checked by their bytes, hashed before storage and named `media-<n>.<ext>`. A video itself is
 * recorded as its URL (streams are segmented, often `blob:`, and can be gigabytes).
 *
 * A page without a recognised post yields no media: there is nothing to say which picture is the
 * abuse (an og:image is often a site logo), and the self-contained HTML archive already keeps
 * every image the page showed. Article-like pages reach here anyway, through the generic
 * extractor's og:image.
 */
import type { PostFields, PostMedia } from '../model/item';
import type { RunInPage } from './full-page';
import { mediaPath, verifyMediaType } from './media-types';
import { fetchInPage, isPageFetchResults, type PageFetchResult } from './page-fetch';

export const MEDIA_FILE_CAP = 50 * 1024 * 1024;
export const MEDIA_TOTAL_CAP = 150 * 1024 * 1024;
export const MEDIA_MAX_FILES = 20;
export const MEDIA_TIME_LIMIT_MS = 60_000;

/** Where a download's path and hash are written back: a media entry's file or its poster. */
export interface MediaSlot {
  quoted: boolean;
  index: number;
  as: 'file' | 'poster';
}

/** One URL to download and every media entry it answers (a URL used twice is fetched once). */
export interface MediaDownload {
  url: string;
  slots: MediaSlot[];
}

export interface MediaFile {
  path: string;
  mediaType: string;
  bytes: Uint8Array;
  sha256: string;
}

export interface MediaResult {
  files: MediaFile[];
  /** The post with `path`/`sha256` (or `posterPath`/`posterSha256`) on each downloaded entry. */
  post: PostFields;
  notes: string[];
}

/** The extension's own download (host permission), for files the page may not read. */
export type DirectFetch = (
  url: string,
  maxBytes: number,
  timeoutMs: number,
) => Promise<PageFetchResult>;

/** The extension's own download with the user's cookies: `fetchInPage` run in the background. */
export const fetchDirect: DirectFetch = async (url, maxBytes, timeoutMs) => {
  const [result] = await fetchInPage([url], maxBytes, timeoutMs, 'include');
  return result ?? { url, ok: false, error: 'no result' };
};

export interface MediaDeps {
  runInPage: RunInPage;
  /** Used only when the page's own fetch fails (cross-origin file without CORS headers). */
  fetchDirect?: DirectFetch;
  sha256Hex(bytes: Uint8Array): Promise<string>;
  fromBase64(text: string): Uint8Array;
  limits?: { fileBytes?: number; totalBytes?: number; files?: number; timeMs?: number };
}

/** The downloads a post calls for, in order: images as themselves, videos by their poster. */
export function planMediaDownloads(post: PostFields, maxFiles = MEDIA_MAX_FILES): MediaDownload[] {
  const byUrl = new Map<string, MediaDownload>();
  const visit = (list: PostMedia[] | undefined, quoted: boolean) => {
    (list ?? []).forEach((m, index) => {
      const url = m.type === 'image' ? m.url : m.poster;
      if (!url || !/^https?:/i.test(url)) return;
      const slot: MediaSlot = { quoted, index, as: m.type === 'image' ? 'file' : 'poster' };
      const known = byUrl.get(url);
      if (known) known.slots.push(slot);
      else if (byUrl.size < maxFiles) byUrl.set(url, { url, slots: [slot] });
    });
  };
  visit(post.media, false);
  visit(post.quoted?.media, true);
  return [...byUrl.values()];
}

function withFile(post: PostFields, slot: MediaSlot, path: string, sha256: string): PostFields {
  const target = slot.quoted ? post.quoted : post;
  const entry = target?.media?.[slot.index];
  if (!target?.media || !entry) return post;
  const media = [...target.media];
  media[slot.index] =
    slot.as === 'file'
      ? { ...entry, path, sha256 }
      : { ...entry, posterPath: path, posterSha256: sha256 };
  return slot.quoted && post.quoted
    ? { ...post, quoted: { ...post.quoted, media } }
    : { ...post, media };
}

/** Creates the collector of a post's media; failures become notes, never a lost capture. */
export function createMediaCollector(deps: MediaDeps) {
  const fileCap = deps.limits?.fileBytes ?? MEDIA_FILE_CAP;
  const totalCap = deps.limits?.totalBytes ?? MEDIA_TOTAL_CAP;
  const maxFiles = deps.limits?.files ?? MEDIA_MAX_FILES;
  const timeMs = deps.limits?.timeMs ?? MEDIA_TIME_LIMIT_MS;
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

  async function download(tabId: number, urls: string[]) {
    const started = Date.now();
    const viaExtension = new Set<number>();
    const fromPage = await deps.runInPage(tabId, fetchInPage, [urls, fileCap, timeMs]);
    const results: PageFetchResult[] = isPageFetchResults(fromPage, urls)
      ? fromPage
      : urls.map((url) => ({ url, ok: false, error: 'the page returned no download' }));
    if (!deps.fetchDirect) return { results, viaExtension };
    for (const [i, r] of results.entries()) {
      // A refusal by the server (HTTP status) or the cap is final; only a failure to read
      // (typically CORS on a CDN) is retried with the extension's own permission.
      if (r.ok || r.status !== undefined || r.tooLarge) continue;
      const left = timeMs - (Date.now() - started);
      if (left <= 0) break;
      const direct = await deps.fetchDirect(r.url, fileCap, left);
      if (!direct.ok) continue;
      results[i] = direct;
      viaExtension.add(i);
    }
    return { results, viaExtension };
  }

  async function collect(tabId: number, post: PostFields): Promise<MediaResult> {
    const plan = planMediaDownloads(post, maxFiles);
    const notes: string[] = [];
    const files: MediaFile[] = [];
    if (plan.length === 0) return { files, post, notes };
    const listed = (post.media?.length ?? 0) + (post.quoted?.media?.length ?? 0);
    if (listed > plan.length && plan.length >= maxFiles)
      notes.push(`media: only the first ${maxFiles} files of the post were downloaded`);
    let downloaded: Awaited<ReturnType<typeof download>>;
    try {
      downloaded = await download(
        tabId,
        plan.map((d) => d.url),
      );
    } catch (error) {
      return { files, post, notes: [...notes, `media not downloaded: ${String(error)}`] };
    }
    let total = 0;
    let out = post;
    for (const [i, result] of downloaded.results.entries()) {
      const { url, slots } = plan[i] as MediaDownload;
      if (!result.ok) {
        notes.push(
          result.tooLarge
            ? `media over the ${mb(fileCap)} per-file cap, not downloaded: ${url}`
            : `media not downloaded (${result.error}): ${url}`,
        );
        continue;
      }
      const bytes = deps.fromBase64(result.base64);
      if (total + bytes.byteLength > totalCap) {
        notes.push(`media over the ${mb(totalCap)} total cap, not downloaded: ${url}`);
        continue;
      }
      total += bytes.byteLength;
      const type = verifyMediaType(result.contentType, bytes);
      const path = mediaPath(files.length + 1, type.ext);
      const sha256 = await deps.sha256Hex(bytes);
      files.push({ path, mediaType: type.mediaType, bytes, sha256 });
      if (type.mismatch) notes.push(`${path}: ${type.mismatch}`);
      if (downloaded.viaExtension.has(i))
        notes.push(`${path}: the page could not read it; downloaded by the extension instead`);
      for (const slot of slots) out = withFile(out, slot, path, sha256);
    }
    return { files, post: out, notes };
  }

  return { collect };
}

export type MediaCollector = ReturnType<typeof createMediaCollector>;
