// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import type { ItemJson } from '../../../lib/model/item.ts';
import { startFixtureServer, type FixtureServer } from '../../../scripts/drive/fixture-server.ts';
import { openBundle, type BundleContents } from './bundle-contents.ts';
import { checkWithStockTools } from './stock-checks.ts';
import { ROOT } from './suites.ts';

const ASSETS = resolve(import.meta.dirname, '../../fixtures/pages/media-post');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** SHA-256 of a file of tests/fixtures/pages/media-post. */
export const assetHash = (name: string) => sha256(new Uint8Array(readFileSync(join(ASSETS, name))));

/** One request as the third party's server received it: headers raw, in the order sent. */
export interface RecordedRequest {
  /** What the test was doing when it arrived (`setPhase`). */
  phase: string;
  method: string;
  path: string;
  /** Name, value, name, value… exactly as on the wire. */
  rawHeaders: string[];
}

export interface ThirdPartyRecorder {
  server: FixtureServer;
  requests: RecordedRequest[];
  /** Labels the requests that arrive from now on. */
  setPhase(phase: string): void;
  /** The requests that arrived while `phase` was set. */
  during(phase: string): RecordedRequest[];
  /** Page on this server that sets its cookies, as any visit to the site would. */
  cookiePage: string;
  close(): Promise<void>;
}

/** Cookies the recorder's cookie page sets, one per SameSite value a site may choose. */
const COOKIES = [
  'probe_none=n1; SameSite=None; Secure; Path=/',
  'probe_lax=l1; SameSite=Lax; Path=/',
  'probe_strict=s1; SameSite=Strict; Path=/',
];

/**
 * The attacker's server: the fixture pages on `http://localhost:<port>`, another site than the
 * pages on 127.0.0.1, without CORS headers, recording every request it receives.
 */
export async function startThirdPartyRecorder(): Promise<ThirdPartyRecorder> {
  const requests: RecordedRequest[] = [];
  let phase = 'start';
  const server = await startFixtureServer(join(ROOT, 'tests/fixtures/pages'), {
    host: 'localhost',
    onRequest: (req, res) => {
      const path = req.url ?? '/';
      requests.push({ phase, method: req.method ?? '', path, rawHeaders: [...req.rawHeaders] });
      if (path.startsWith('/set-cookies')) {
        res
          .writeHead(200, { 'content-type': 'text/html', 'set-cookie': COOKIES })
          .end('<!doctype html>');
        return true;
      }
      if (path.startsWith('/control')) {
        res.writeHead(204).end();
        return true;
      }
      return false;
    },
  });
  return {
    server,
    requests,
    setPhase: (name) => {
      phase = name;
    },
    during: (name) => requests.filter((r) => r.phase === name),
    cookiePage: server.url('set-cookies'),
    close: () => server.close(),
  };
}

/** tests/fixtures/pages/cross-origin-post.html: a post whose photos and styles are on `other`. */
export function crossOriginPostUrl(origin: string, other: string): string {
  return `${origin}/cross-origin-post.html?other=${encodeURIComponent(other)}`;
}

const header = (r: RecordedRequest, name: string) => {
  const i = r.rawHeaders.findIndex((h, n) => n % 2 === 0 && h.toLowerCase() === name);
  return i < 0 ? undefined : r.rawHeaders[i + 1];
};
const names = (r: RecordedRequest) =>
  r.rawHeaders.filter((_, n) => n % 2 === 0).map((h) => h.toLowerCase());
const COMPARED = [
  'origin',
  'referer',
  'cookie',
  'sec-fetch-site',
  'sec-fetch-mode',
  'sec-fetch-dest',
];

/**
 * What in `request` tells its server it did not come from the page: the extension's scheme or
 * `markers` (its id or per-install UUID) anywhere in it, or headers that differ from
 * `reference`, a request the page's own script made (their names and order; the values of
 * Origin, Referer, Cookie and Sec-Fetch-*). Empty when nothing does.
 */
export function tellTales(
  request: RecordedRequest,
  reference: RecordedRequest,
  markers: string[],
): string[] {
  const found: string[] = [];
  const text = [request.path, ...request.rawHeaders].join('\n').toLowerCase();
  for (const marker of [
    'chrome-extension:',
    'moz-extension:',
    ...markers.map((m) => m.toLowerCase()),
  ])
    if (text.includes(marker)) found.push(`${request.path} carries "${marker}"`);
  const got = names(request).join(', ');
  const expected = names(reference).join(', ');
  if (got !== expected)
    found.push(`${request.path} headers [${got}], the page sends [${expected}]`);
  for (const name of COMPARED) {
    const value = header(request, name);
    if (value !== header(reference, name))
      found.push(
        `${request.path} ${name}: ${value ?? '(none)'}, the page sends ${header(reference, name) ?? '(none)'}`,
      );
  }
  return found;
}

/** The item of an exported bundle, checked by stock tools, and its contents. */
export async function exportedItem(
  bundle: string,
  itemId: string,
): Promise<{
  item: ItemJson;
  contents: BundleContents;
  read: (path: string) => Promise<Uint8Array>;
}> {
  checkWithStockTools(bundle);
  const contents = await openBundle(bundle);
  const item = await contents.json<ItemJson>(`items/${itemId}/item.json`);
  const read = (path: string) => contents.bytes(`items/${itemId}/${path}`);
  for (const file of item.files) expect(sha256(await read(file.path))).toBe(file.sha256);
  return { item, contents, read };
}

/** SHA-256 of every base64 `data:` URI of `type` (a regular expression source) in the HTML. */
export function inlinedHashes(html: string, type: string): string[] {
  return [...html.matchAll(new RegExp(`data:${type};base64,([A-Za-z0-9+/=]+)`, 'g'))].map((m) =>
    sha256(Buffer.from(m[1] ?? '', 'base64')),
  );
}

/** SHA-256 of every base64-encoded part of an MHTML file. */
export function mhtmlPartHashes(mhtml: string): string[] {
  const parts = mhtml.split(/\r?\n--[^\r\n]+/);
  return parts
    .filter((p) => /Content-Transfer-Encoding:\s*base64/i.test(p))
    .map((p) => {
      const body = p
        .split(/\r?\n\r?\n/)
        .slice(1)
        .join('');
      return sha256(Buffer.from(body.replace(/\s+/g, ''), 'base64'));
    });
}

/**
 * The requests of one capture against the page's own `reference` request: none may tell its
 * server that the extension made it. The control requests, made from an extension page, must
 * (a GET and a POST, which carries the extension's Origin): the check can fail.
 */
export function expectCaptureUnseen(
  recorder: ThirdPartyRecorder,
  markers: string[],
  scheme: 'chrome-extension:' | 'moz-extension:',
): void {
  const [reference, ...more] = recorder.during('reference');
  expect(more).toEqual([]);
  if (!reference) throw new Error('the page made no reference request');
  for (const request of recorder.during('capture'))
    expect(tellTales(request, reference, markers)).toEqual([]);
  const controls = recorder.during('control');
  expect(controls.map((r) => `${r.method} ${r.path}`)).toEqual([
    'GET /control-get',
    'POST /control-post',
  ]);
  for (const control of controls) expect(tellTales(control, reference, markers)).not.toEqual([]);
  expect(tellTales(controls[1] as RecordedRequest, reference, markers)).toContain(
    `/control-post carries "${scheme}"`,
  );
}

/** Runs in an extension page: the control requests, a GET and a POST to the recorder. */
export function controlRequests(other: string): string {
  const url = (path: string) => JSON.stringify(`${other}/${path}`);
  return `fetch(${url('control-get')}).then(() => fetch(${url('control-post')}, { method: 'POST', body: 'x' })).then((r) => r.status)`;
}
