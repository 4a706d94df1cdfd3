// SPDX-License-Identifier: AGPL-3.0-or-later
// What a hostile page can observe of an installed extension from its main world: globals, the
// DOM, and whether the extension's files load (fetch, <img>, <script>, <link>). Shared by the
// Chromium and Firefox tests: the same page, the same probes, the same comparison.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ProbeResult {
  globals: string[];
  /** What the page sees of itself: its own resource loads, its custom elements constructed. */
  own: string[];
  html: string;
  resources: Record<string, string>;
  timingsMs: Record<string, number>;
}

/** Source of an async function run in the page (main world) with the extension origin to probe. */
export const PROBE_SOURCE = `async (origin) => {
  const video = document.querySelector('video');
  if (video && !video.error && video.readyState === 0)
    await new Promise((resolve) => {
      video.addEventListener('error', resolve, { once: true });
      video.addEventListener('loadeddata', resolve, { once: true });
      setTimeout(resolve, 5000);
    });
  const own = performance.getEntriesByType('resource').map((e) => e.initiatorType + ' ' + e.name)
    // The browser's own favicon request is not the page's doing.
    .filter((n) => n.includes(location.origin) && !n.endsWith('/favicon.ico')).sort();
  own.push('custom elements constructed: ' + window.probeConstructed);
  const globals = Object.getOwnPropertyNames(window).sort();
  const html = document.documentElement.outerHTML;
  const paths = ['/manifest.json', '/popup.html', '/vault.html', '/background.js', '/capture.js',
    '/icon/16.png', '/_locales/en/messages.json', '/nonexistent.js'];
  const resources = {};
  const timingsMs = {};
  const load = (tag, attr, url) => new Promise((resolve) => {
    const el = document.createElement(tag);
    if (tag === 'link') el.rel = 'stylesheet';
    el.onload = () => resolve('load');
    el.onerror = () => resolve('error');
    el[attr] = url;
    document.body.appendChild(el);
    setTimeout(() => resolve('timeout'), 5000);
  }).finally(() => document.body.lastChild && document.body.removeChild(document.body.lastChild));
  for (const path of paths) {
    const url = origin + path;
    const t0 = performance.now();
    resources['fetch ' + path] = await fetch(url).then((r) => 'status ' + r.status,
      (e) => e.name + ': ' + e.message);
    timingsMs[path] = Math.round(performance.now() - t0);
    resources['img ' + path] = await load('img', 'src', url);
    resources['script ' + path] = await load('script', 'src', url);
    resources['link ' + path] = await load('link', 'href', url);
  }
  return { globals, own, html, resources, timingsMs };
}`;

/** The page the probes run in (written as `probe.html`); it is also the page captured. */
export function writeProbePage(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'probe.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>probe</title></head>' +
      '<body><article><p>A post that will be captured.</p><img src="pic.png" alt="">' +
      '<video src="clip.webm" preload="auto" muted></video><x-probe>probe</x-probe></article>' +
      // A copy made inside the page's document would construct this element again.
      '<script>window.probeConstructed = 0; customElements.define("x-probe", class extends ' +
      'HTMLElement { constructor() { super(); window.probeConstructed++; } });</script>' +
      '</body></html>\n',
  );
  // A 1×1 PNG; the "video" is not one (its load and its error are what the page sees).
  writeFileSync(
    join(dir, 'pic.png'),
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
      'base64',
    ),
  );
  writeFileSync(join(dir, 'clip.webm'), 'not a video');
  return 'probe.html';
}

/** An expression to evaluate in the page (Playwright and puppeteer alike): the probe of `origin`. */
export const probeExpression = (origin: string): string =>
  `(${PROBE_SOURCE})(${JSON.stringify(origin)})`;

/**
 * Copies a build into `to` with `icon/16.png` declared web-accessible, the leak the probes exist
 * to catch (the positive control). MV3 declares it per match pattern, MV2 as a bare list.
 */
export function writeLeakyBuild(from: string, to: string): string {
  cpSync(from, to, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(to, 'manifest.json'), 'utf8')) as {
    manifest_version: number;
  };
  const exposed =
    manifest.manifest_version === 3
      ? [{ resources: ['icon/16.png'], matches: ['<all_urls>'] }]
      : ['icon/16.png'];
  writeFileSync(
    join(to, 'manifest.json'),
    JSON.stringify({ ...manifest, web_accessible_resources: exposed }),
  );
  return to;
}

/** The differences between two probe results (timings are reported, not compared: they are noise). */
export function probeDifferences(a: ProbeResult, b: ProbeResult): string[] {
  const out: string[] = [];
  const onlyIn = (x: string[], y: string[]) => x.filter((g) => !y.includes(g));
  for (const g of onlyIn(a.globals, b.globals)) out.push(`global only before: ${g}`);
  for (const g of onlyIn(b.globals, a.globals)) out.push(`global only after: ${g}`);
  for (const o of onlyIn(a.own, b.own)) out.push(`the page saw only before: ${o}`);
  for (const o of onlyIn(b.own, a.own)) out.push(`the page saw only after: ${o}`);
  if (a.own.length !== b.own.length)
    out.push(`the page saw ${a.own.length} vs ${b.own.length} loads`);
  if (a.html !== b.html) out.push(`DOM differs: ${a.html.length} vs ${b.html.length} characters`);
  for (const key of Object.keys({ ...a.resources, ...b.resources }))
    if (a.resources[key] !== b.resources[key])
      out.push(`${key}: ${a.resources[key]} vs ${b.resources[key]}`);
  return out;
}
