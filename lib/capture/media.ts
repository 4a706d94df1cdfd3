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
import { NOT_READABLE_NOTE } from './fetch-as-page';
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

export interface MediaDeps {
  runInPage: RunInPage;
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

/** Creates the collector of posts' media; failures become notes, never a lost capture. */
export function createMediaCollector(deps: MediaDeps) {
  const fileCap = deps.limits?.fileBytes ?? MEDIA_FILE_CAP;
  const totalCap = deps.limits?.totalBytes ?? MEDIA_TOTAL_CAP;
  const maxFiles = deps.limits?.files ?? MEDIA_MAX_FILES;
  const timeMs = deps.limits?.timeMs ?? MEDIA_TIME_LIMIT_MS;
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

  async function download(tabId: number, urls: string[]): Promise<PageFetchResult[]> {
    const fromPage = await deps.runInPage(tabId, fetchInPage, [urls, fileCap, timeMs]);
    return isPageFetchResults(fromPage, urls)
      ? fromPage
      : urls.map((url) => ({ url, ok: false, error: 'the page returned no download' }));
  }

  /** A downloaded URL once decoded, typed and hashed, or why it is not kept. */
  type Fetched =
    | {
        ok: true;
        bytes: Uint8Array;
        mediaType: string;
        ext: string;
        sha256: string;
        notes: string[];
      }
    | { ok: false; note: string };

  async function collectAll(tabId: number, posts: PostFields[]): Promise<MediaResult[]> {
    const plans = posts.map((post) => planMediaDownloads(post, maxFiles));
    const urls = [...new Set(plans.flatMap((plan) => plan.map((d) => d.url)))];
    const fetched = new Map<string, Fetched>();
    let failure: string | undefined;
    try {
      const downloaded = urls.length > 0 ? await download(tabId, urls) : undefined;
      // One budget for the whole capture, taken in the order the posts are listed; a URL shared
      // by several posts is decoded, hashed and counted once.
      let total = 0;
      for (const [i, result] of (downloaded ?? []).entries()) {
        const url = urls[i] as string;
        if (!result.ok) {
          const note = result.tooLarge
            ? `media over the ${mb(fileCap)} per-file cap, not downloaded: ${url}`
            : result.notReadable
              ? `media not downloaded: ${NOT_READABLE_NOTE}: ${url}`
              : `media not downloaded (${result.error}): ${url}`;
          fetched.set(url, { ok: false, note });
          continue;
        }
        const bytes = deps.fromBase64(result.base64);
        if (total + bytes.byteLength > totalCap) {
          fetched.set(url, {
            ok: false,
            note: `media over the ${mb(totalCap)} total cap, not downloaded: ${url}`,
          });
          continue;
        }
        total += bytes.byteLength;
        const type = verifyMediaType(result.contentType, bytes);
        const notes = type.mismatch ? [type.mismatch] : [];
        const sha256 = await deps.sha256Hex(bytes);
        fetched.set(url, { ok: true, bytes, ...type, sha256, notes });
      }
    } catch (error) {
      failure = `media not downloaded: ${String(error)}`;
    }
    return posts.map((post, p) => {
      const plan = plans[p] as MediaDownload[];
      const files: MediaFile[] = [];
      const notes: string[] = [];
      if (plan.length === 0) return { files, post, notes };
      const listed = (post.media?.length ?? 0) + (post.quoted?.media?.length ?? 0);
      if (listed > plan.length && plan.length >= maxFiles)
        notes.push(`media: only the first ${maxFiles} files of the post were downloaded`);
      if (failure) return { files, post, notes: [...notes, failure] };
      let out = post;
      for (const { url, slots } of plan) {
        const got = fetched.get(url);
        if (!got?.ok) {
          notes.push(got?.note ?? `media not downloaded: ${url}`);
          continue;
        }
        const path = mediaPath(files.length + 1, got.ext);
        files.push({ path, mediaType: got.mediaType, bytes: got.bytes, sha256: got.sha256 });
        notes.push(...got.notes.map((n) => `${path}: ${n}`));
        for (const slot of slots) out = withFile(out, slot, path, got.sha256);
      }
      return { files, post: out, notes };
    });
  }

  return {
    /**
     * Downloads the media of several posts in one pass through the page (a thread's posts, or a
     * page's post), each URL once; one result per post, in order, its files named per post.
     */
    collectAll,
    async collect(tabId: number, post: PostFields): Promise<MediaResult> {
      const [result] = await collectAll(tabId, [post]);
      return result ?? { files: [], post, notes: [] };
    },
  };
}

export type MediaCollector = ReturnType<typeof createMediaCollector>;

/** The media of a capture's own post and of posts cut from it into items of their own. */
export interface CaptureMedia {
  own?: MediaResult;
  /** One result per post asked for, in order (no files when no collector is wired). */
  others: MediaResult[];
}

/**
 * Downloads the media of the item's own post and of `others` together; never rejects (a failure
 * becomes each post's note), so it can run while the screenshots are taken.
 */
export async function collectCaptureMedia(
  collector: MediaCollector | undefined,
  tabId: number,
  own: PostFields | undefined,
  others: PostFields[],
): Promise<CaptureMedia> {
  const wanted = own ? [own, ...others] : others;
  const empty = (post: PostFields, notes: string[] = []) => ({ files: [], post, notes });
  if (!collector || wanted.length === 0) return { others: others.map((p) => empty(p)) };
  let results: MediaResult[];
  try {
    results = await collector.collectAll(tabId, wanted);
  } catch (error) {
    results = wanted.map((p) => empty(p, [`media not downloaded: ${String(error)}`]));
  }
  return own ? { own: results[0], others: results.slice(1) } : { others: results };
}
