// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Resource downloads for the self-contained archive, made in the page's isolated world as the
 * page's own script could make them (lib/capture/fetch-as-page.ts): the page's referrer, its
 * cookies for its own origin only, its HTTP-cache partition (`force-cache`), so the archive holds
 * the bytes the user was shown and the files' servers see nothing a page could not send.
 * Caps: one per resource, one for all resources, one deadline for everything.
 *
 * A file the page may not read (in Chromium an image on another origin sent without CORS
 * headers, which the page could show but not fetch) is left out as `notReadable`: the background
 * does not download such files (docs/threat-model.md: its request would tell their server that
 * the page was captured); the MHTML archive and the screenshots keep them as shown.
 *
 * Only what a page can show from such a reference is kept: images, fonts and stylesheets. A
 * hostile page pointing an <img> at another site's data gets nothing into the archive, even in
 * Firefox, where a content script's fetch has the extension's host permissions and so reads
 * other origins.
 */
import { fetchAsPage, NotReadableByPage } from './fetch-as-page';
import { essenceOf, sniffMediaType } from './media-types';

export interface InlineLimits {
  maxResourceBytes: number;
  maxTotalBytes: number;
  timeoutMs: number;
}

export interface Fetched {
  bytes: Uint8Array;
  contentType: string;
}

export interface InlineStats {
  inlined: number;
  /** Left out: neither an image, a font nor a stylesheet. */
  notShown: string[];
  /** Left out: another origin's file the page may show but not read. */
  notReadable: string[];
  failed: string[];
  overResourceCap: string[];
  overTotalCap: string[];
  timedOut: boolean;
}

const MAX_PARALLEL = 6;

/** base64 of bytes, in chunks small enough for `String.fromCharCode`'s argument limit. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

const FONT_TYPES = /^(font\/|application\/(x-)?font-|application\/vnd\.ms-fontobject$)/;

/** Whether a page could show the bytes through a reference: an image, a font or a stylesheet. */
export function isArchivable(contentType: string, bytes: Uint8Array): boolean {
  const type = essenceOf(contentType);
  if (type.startsWith('image/') || type === 'text/css' || FONT_TYPES.test(type)) return true;
  if (sniffMediaType(bytes)?.mediaType.startsWith('image/')) return true;
  // Fonts are often sent as application/octet-stream: WOFF, WOFF2, OpenType, TrueType.
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  return ['wOFF', 'wOF2', 'OTTO', 'true', '\0\x01\0\0'].includes(magic);
}

/** A `data:` URI of the bytes; the type is reduced to `type/subtype` so nothing else rides in. */
export function toDataUri(contentType: string, bytes: Uint8Array): string {
  const essence = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const type = /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(essence) ? essence : 'application/octet-stream';
  return `data:${type};base64,${bytesToBase64(bytes)}`;
}

async function readCapped(response: Response, cap: number): Promise<Uint8Array | 'too-large'> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > cap) {
    await response.body?.cancel();
    return 'too-large';
  }
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel();
      return 'too-large';
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** Creates the archive's downloader: each URL fetched once, at most six at a time. */
export function createInlineFetcher(
  limits: InlineLimits,
  fetchImpl: typeof fetch = (url, init) =>
    fetchAsPage(
      url instanceof Request ? url.url : url.toString(),
      { signal: init?.signal ?? undefined },
      location.href,
    ),
) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  const cache = new Map<string, Promise<Fetched | undefined>>();
  const stats: InlineStats = {
    inlined: 0,
    failed: [],
    overResourceCap: [],
    overTotalCap: [],
    timedOut: false,
    notShown: [],
    notReadable: [],
  };
  let total = 0;
  let running = 0;
  const queue: Array<() => void> = [];

  async function slot<T>(run: () => Promise<T>): Promise<T> {
    if (running >= MAX_PARALLEL) await new Promise<void>((resolve) => queue.push(resolve));
    running++;
    try {
      return await run();
    } finally {
      running--;
      queue.shift()?.();
    }
  }

  /** Counts the bytes against the total cap; the result to give, or undefined when over it. */
  function admit(url: string, bytes: Uint8Array, contentType: string): Fetched | undefined {
    if (!isArchivable(contentType, bytes)) {
      stats.notShown.push(url);
      return undefined;
    }
    if (total + bytes.byteLength > limits.maxTotalBytes) {
      stats.overTotalCap.push(url);
      return undefined;
    }
    total += bytes.byteLength;
    stats.inlined++;
    return { bytes, contentType };
  }

  async function load(url: string): Promise<Fetched | undefined> {
    if (controller.signal.aborted) {
      stats.timedOut = true;
      stats.failed.push(url);
      return undefined;
    }
    let response: Response;
    try {
      response = await fetchImpl(url, { signal: controller.signal });
    } catch (error) {
      if (controller.signal.aborted) stats.timedOut = true;
      (error instanceof NotReadableByPage ? stats.notReadable : stats.failed).push(url);
      return undefined;
    }
    try {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const bytes = await readCapped(response, limits.maxResourceBytes);
      if (bytes === 'too-large') {
        stats.overResourceCap.push(url);
        return undefined;
      }
      return admit(url, bytes, response.headers.get('content-type') ?? '');
    } catch {
      if (controller.signal.aborted) stats.timedOut = true;
      stats.failed.push(url);
      return undefined;
    }
  }

  return {
    stats,
    /** The resource's bytes, or undefined when it could not be had within the limits. */
    get(url: string): Promise<Fetched | undefined> {
      let pending = cache.get(url);
      if (!pending) {
        pending = slot(() => load(url));
        cache.set(url, pending);
      }
      return pending;
    },
    /** Stops the deadline. */
    close(): void {
      clearTimeout(timer);
    },
  };
}

export type InlineFetcher = ReturnType<typeof createInlineFetcher>;
