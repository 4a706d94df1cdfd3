// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * A download from the captured page's isolated world that its server cannot tell from a request
 * the page's own script could make (docs/threat-model.md, "What the servers of a captured page
 * see"; measured in both browsers by tests/e2e/*-third-party-requests.test.ts).
 *
 * First as the page's `fetch(url, { mode: 'no-cors' })`: the page's referrer, cookies for its own
 * origin only, its HTTP cache (`force-cache`; a file the page showed usually comes from there,
 * with no request). In Chromium a content script obeys the page's CORS, so another origin's file
 * comes back opaque; it is then asked for as the page's `fetch(url)` would (CORS, the page's
 * Origin), which reads files served with CORS headers. Another origin's file sent without them
 * stays unread: only the background could download it, and its request carries
 * `Sec-Fetch-Site: none`, no Referer and the site's SameSite=Strict cookies, which no page sends.
 * In Firefox (MV2) the content script's fetch has the extension's host permission and reads it in
 * no-cors mode; in CORS mode it went out with no Origin, no Referer and the site's first-party
 * cookies, which no page can send.
 *
 * Not the page's own fetch (Firefox's `content.fetch`): its requests show in the page's
 * `performance` timeline and pass through its service worker, so the page would see the capture.
 *
 * lib/capture/page-fetch.ts repeats these lines inside `fetchInPage`, which must be
 * self-contained (it is serialised by `scripting.executeScript`).
 */
export async function fetchAsPage(
  url: string,
  init: { signal?: AbortSignal },
  pageUrl: string,
  fetchImpl: typeof fetch = fetch,
): Promise<Response> {
  const base: RequestInit = { cache: 'force-cache', signal: init.signal, referrer: pageUrl };
  const own = new URL(url, pageUrl).origin === new URL(pageUrl).origin;
  const first = await fetchImpl(url, {
    ...base,
    mode: 'no-cors',
    credentials: own ? 'include' : 'omit',
  });
  if (first.type !== 'opaque') return first;
  try {
    return await fetchImpl(url, { ...base, mode: 'cors', credentials: 'same-origin' });
  } catch (error) {
    // Another origin's file without CORS headers (or that origin unreachable).
    if (init.signal?.aborted) throw error;
    throw new NotReadableByPage(url);
  }
}

/** Another origin's file that the page may show but not read (sent without CORS headers). */
export class NotReadableByPage extends Error {
  constructor(url: string) {
    super(`the page may not read ${url}`);
    this.name = 'NotReadableByPage';
  }
}

/**
 * A file of another site the page shows but may not read: the extension does not download it
 * itself, since its request would differ from the page's (docs/threat-model.md).
 */
export const NOT_READABLE_NOTE =
  'another site sent it without CORS headers, so the page may show it but not read it, and the extension does not download it itself (its request would tell that site the page was captured); the screenshots show it';
