// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Resource downloads for the self-contained archive, made in the page's isolated world: the
 * requests carry the page's cookies and hit its HTTP-cache partition (`force-cache`), so the
 * archive holds the bytes the user was shown, not a fresh copy the server might tailor.
 * Caps: one per resource, one for all resources, one deadline for everything.
 */

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
export function createInlineFetcher(limits: InlineLimits, fetchImpl: typeof fetch = fetch) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  const cache = new Map<string, Promise<Fetched | undefined>>();
  const stats: InlineStats = {
    inlined: 0,
    failed: [],
    overResourceCap: [],
    overTotalCap: [],
    timedOut: false,
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

  async function load(url: string): Promise<Fetched | undefined> {
    if (controller.signal.aborted) {
      stats.timedOut = true;
      stats.failed.push(url);
      return undefined;
    }
    try {
      const response = await fetchImpl(url, { cache: 'force-cache', signal: controller.signal });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const bytes = await readCapped(response, limits.maxResourceBytes);
      if (bytes === 'too-large') {
        stats.overResourceCap.push(url);
        return undefined;
      }
      if (total + bytes.byteLength > limits.maxTotalBytes) {
        stats.overTotalCap.push(url);
        return undefined;
      }
      total += bytes.byteLength;
      stats.inlined++;
      return { bytes, contentType: response.headers.get('content-type') ?? '' };
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
    close(): void {
      clearTimeout(timer);
    },
  };
}

export type InlineFetcher = ReturnType<typeof createInlineFetcher>;
