// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * Downloads made from inside the captured page (isolated world), as the page's own script could
 * make them (lib/capture/fetch-as-page.ts): the page's referrer, its cookies for its own origin
 * only, its HTTP-cache partition, so the server answers as it answered the user, a file the page
 * already showed usually comes from the cache byte for byte (`cache: 'force-cache'`), and the
 * server sees nothing a page could not send. `fetchInPage` is serialised by
 * `scripting.executeScript`, so it is self-contained: no imports, no module variables.
 */

/** One download as the page saw it; bytes travel base64-encoded (results must be JSON-like). */
export type PageFetchResult =
  | { url: string; ok: true; status: number; contentType: string; base64: string }
  | {
      url: string;
      ok: false;
      error: string;
      status?: number;
      tooLarge?: boolean;
      /** Another origin's file the page may show but not read (no CORS headers). */
      notReadable?: boolean;
    };

/**
 * Fetches each URL from the page, at most `maxBytes` each, all within `timeoutMs`. A file over
 * the cap is not read to the end; its result says `tooLarge`.
 */
export async function fetchInPage(
  urls: string[],
  maxBytes: number,
  timeoutMs: number,
): Promise<PageFetchResult[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const toBase64 = (bytes: Uint8Array): string => {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  };
  const one = async (url: string): Promise<PageFetchResult> => {
    // As fetchAsPage (lib/capture/fetch-as-page.ts), which this function may not import.
    const base: RequestInit = {
      cache: 'force-cache',
      signal: controller.signal,
      referrer: location.href,
    };
    const own = new URL(url, location.href).origin === location.origin;
    let notReadable = false;
    try {
      let response = await fetch(url, {
        ...base,
        mode: 'no-cors',
        credentials: own ? 'include' : 'omit',
      });
      if (response.type === 'opaque') {
        // Another origin's file without CORS headers (or that origin unreachable).
        notReadable = true;
        response = await fetch(url, { ...base, mode: 'cors', credentials: 'same-origin' });
        notReadable = false;
      }
      if (!response.ok)
        return { url, ok: false, status: response.status, error: `HTTP ${response.status}` };
      const declared = Number(response.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) {
        await response.body?.cancel();
        return {
          url,
          ok: false,
          status: response.status,
          tooLarge: true,
          error: `${declared} bytes`,
        };
      }
      const reader = response.body?.getReader();
      const chunks: Uint8Array[] = [];
      let total = 0;
      for (;;) {
        if (!reader) break;
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > maxBytes) {
          await reader.cancel();
          return {
            url,
            ok: false,
            status: response.status,
            tooLarge: true,
            error: `over ${maxBytes} bytes`,
          };
        }
        chunks.push(value);
      }
      const bytes = new Uint8Array(total);
      let at = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, at);
        at += chunk.byteLength;
      }
      return {
        url,
        ok: true,
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        base64: toBase64(bytes),
      };
    } catch (error) {
      const timedOut = controller.signal.aborted;
      if (timedOut) return { url, ok: false, error: 'time limit reached' };
      return notReadable
        ? { url, ok: false, error: 'not readable by the page', notReadable: true }
        : { url, ok: false, error: String(error) };
    }
  };
  try {
    const results: PageFetchResult[] = [];
    // One at a time: posts carry few files, and a sequence keeps memory to one file in flight.
    for (const url of urls) results.push(await one(url));
    return results;
  } finally {
    clearTimeout(timer);
  }
}

/** Checks what came back from the page before trusting it. */
export function isPageFetchResults(value: unknown, urls: string[]): value is PageFetchResult[] {
  if (!Array.isArray(value) || value.length !== urls.length) return false;
  return value.every((r: unknown, i) => {
    if (typeof r !== 'object' || r === null) return false;
    const v = r as Record<string, unknown>;
    if (v.url !== urls[i]) return false;
    if (v.ok === true)
      return (
        typeof v.base64 === 'string' &&
        typeof v.contentType === 'string' &&
        typeof v.status === 'number'
      );
    return v.ok === false && typeof v.error === 'string';
  });
}
