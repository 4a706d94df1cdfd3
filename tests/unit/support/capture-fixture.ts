// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaptureDeps, CaptureVault } from '../../../lib/capture/capture-tab';
import { fetchInPage, type PageFetchResult } from '../../../lib/capture/page-fetch';
import { measurePage } from '../../../lib/capture/page-helpers';
import { fromBase64, randomId, sha256Hex, toBase64, utf8Encode } from '../../../lib/crypto';
import type { ItemJson } from '../../../lib/model/item';

/** The start of a 1280×800 PNG: signature and IHDR, all that the capture reads of it. */
export const PNG = new Uint8Array([
  137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 5, 0, 0, 0, 3, 32, 8, 6, 0, 0,
  0,
]);
const METRICS = {
  scrollX: 0,
  scrollY: 0,
  scrollWidth: 1280,
  scrollHeight: 800,
  clientWidth: 1280,
  clientHeight: 800,
  innerWidth: 1280,
  innerHeight: 800,
  devicePixelRatio: 1,
};
export const PAGE = {
  url: 'https://social.example/p/1',
  title: 'Post',
  viewport: { width: 1280, height: 800 },
  devicePixelRatio: 2,
  timezone: 'Europe/Paris',
  userAgent: 'Mozilla/5.0 Chrome/156.0.0.0',
  capturedAt: '2026-01-01T00:00:00.000Z',
  html: '<html><body>hi</body></html>',
  notes: ['post fields not detected'],
  // Measured by the capture script as it reads the page (entrypoints/capture.ts).
  metrics: METRICS,
};

/** What the browser reports of the tab, where a test changes it. */
export interface TabReport {
  active?: boolean;
  url?: string;
  incognito?: boolean;
}

/** A server's answer to a download made from the page, as `fetchInPage` reports it. */
export function served(url: string, bytes: Uint8Array, contentType: string): PageFetchResult {
  return { url, ok: true, status: 200, contentType, base64: toBase64(bytes) };
}

/**
 * The browser around the capture service: one tab showing `PAGE` (or `page`; `tab` changes what
 * the browser says of the tab), one screen tall, so
 * the visible screenshot is the whole page; downloads made in the page answered from `downloads`
 * (404 otherwise), every URL asked for recorded in `fetched`. Commits (the capture's, and those
 * made through `commit`) are kept in `commits`.
 */
export function captureDeps(
  overrides: Partial<CaptureDeps> = {},
  options: {
    status?: Awaited<ReturnType<CaptureVault['status']>>;
    /** What the browser reports of the tab (merged into an active tab showing PAGE). */
    tab?: TabReport;
    page?: object;
    downloads?: Record<string, PageFetchResult>;
  } = {},
) {
  const commits: Array<{ item: ItemJson; files: Array<{ path: string; bytes: Uint8Array }> }> = [];
  const fetched: string[] = [];
  const commit = (input: (typeof commits)[number]) => {
    commits.push(input);
    return Promise.resolve();
  };
  const page = options.page ?? PAGE;
  const answer = (url: string): PageFetchResult =>
    options.downloads?.[url] ?? { url, ok: false, status: 404, error: 'HTTP 404' };
  // Asked for the active tab or by its id, the browser reports the same tab.
  const tab = () => ({ id: 3, windowId: 7, active: true, url: PAGE.url, ...options.tab });
  const base: CaptureDeps = {
    windows: {
      getLastFocused: () => Promise.resolve({ id: 7, type: 'normal' }),
      getAll: () => Promise.resolve([{ id: 7, type: 'normal' }]),
    },
    tabs: {
      query: () => Promise.resolve([tab()]),
      get: () => Promise.resolve(tab()),
      captureVisibleTab: () => Promise.resolve(`data:image/png;base64,${toBase64(PNG)}`),
    },
    injectCaptureScript: () => Promise.resolve([{ result: page }]),
    runInPage: (_tabId, func, args) => {
      if (func === measurePage) return Promise.resolve({ ...METRICS });
      if ((func as unknown) === fetchInPage) {
        const urls = args[0] as string[];
        fetched.push(...urls);
        return Promise.resolve(urls.map(answer));
      }
      return Promise.resolve(typeof args[0] === 'number' ? args[0] : true);
    },
    vault: {
      status: () => Promise.resolve(options.status ?? 'unlocked'),
      identity: () => Promise.resolve({ name: 'Ana', fingerprint: 'AB'.repeat(20) }),
      draftCapture: () => {
        const files: Array<{ path: string; bytes: Uint8Array }> = [];
        return {
          add: (path, bytes) => void files.push({ path, bytes }),
          commit: (item) => commit({ item, files }),
        };
      },
    },
    sha256Hex,
    fromBase64,
    utf8Encode,
    randomId,
    environment: () =>
      Promise.resolve({ browser: { name: 'Chrome', version: '156' }, extensionVersion: '0.1.0' }),
    now: () => new Date('2026-01-01T00:00:00.000Z'),
  };
  return { deps: { ...base, ...overrides }, commits, fetched, commit };
}
