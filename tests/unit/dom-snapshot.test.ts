// SPDX-License-Identifier: AGPL-3.0-or-later
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { snapshotPage } from '../../lib/capture/dom-snapshot';

const PAGE = `<!DOCTYPE html>
<html lang="en"><head>
<meta http-equiv="Refresh" content="0; url=https://evil.example/">
<base href="https://cdn.example/">
<title>Threat</title>
<script>window.stolen = document.cookie</script>
<script type="module" src="/app.js"></script>
<link rel="modulepreload" href="/chunk.js">
</head>
<body onload="track()">
<noscript><img src="https://tracker.example/pixel"></noscript>
<article data-id="1" class="post"><p onclick="alert(1)" onMouseOver="x()">We know where you live</p>
<a href=" JaVa&#x09;Script:alert(1)">click</a><a href="https://example.org/ok">ok</a>
<form action="javascript:void(0)"><button formaction="javascript:alert(2)">go</button></form>
<iframe srcdoc="&lt;script&gt;alert(3)&lt;/script&gt;"></iframe>
<svg><a xlink:href="javascript:alert(4)"><text>s</text></a><script>alert(5)</script></svg>
</article></body></html>`;

function snapshot(html = PAGE): string {
  const { document } = parseHTML(html);
  return snapshotPage(document, {
    url: 'https://social.example/post/1',
    capturedAt: '2026-01-02T03:04:05.678Z',
  }).html;
}

describe('DOM snapshot', () => {
  const out = snapshot();

  it('keeps the visible content', () => {
    expect(out).toContain('We know where you live');
    expect(out).toContain('href="https://example.org/ok"');
    expect(out).toContain('data-id="1"');
  });

  it('removes scripts, noscript and refresh redirects', () => {
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/<noscript/i);
    expect(out).not.toMatch(/http-equiv/i);
    expect(out).not.toMatch(/modulepreload/i);
    expect(out).not.toContain('alert(5)');
  });

  it('removes inline handlers and script URLs', () => {
    expect(out).not.toMatch(/\son[a-z]+=/i);
    expect(out).not.toMatch(/javascript/i);
    expect(out).not.toMatch(/srcdoc/i);
  });

  it('adds one <base href> of the page URL and a header with URL and time', () => {
    expect(out.match(/<base /g)).toHaveLength(1);
    expect(out).toContain('<base href="https://social.example/post/1">');
    expect(out).toMatch(/^<!DOCTYPE html>\n<!-- Attest DOM snapshot/);
    expect(out).toContain('URL: https://social.example/post/1');
    expect(out).toContain('Captured: 2026-01-02T03:04:05.678Z');
  });

  it('cannot be broken out of its header comment by the URL', () => {
    const { document } = parseHTML('<html><head></head><body>x</body></html>');
    const { html: text } = snapshotPage(document, {
      url: 'https://e.example/--><script>alert(1)</script>',
      capturedAt: 't',
    });
    const header = text.slice(0, text.indexOf('<html'));
    expect(header).not.toContain('<script>');
    expect(header.indexOf('-->')).toBeGreaterThan(header.indexOf('Captured'));
    // Inside the quoted <base href> the markup is only attribute text: re-parsed, no script exists.
    expect(parseHTML(text).document.querySelectorAll('script').length).toBe(0);
  });

  it('leaves the live document untouched', () => {
    const { document } = parseHTML(PAGE);
    snapshotPage(document, { url: 'https://social.example/', capturedAt: 't' });
    expect(document.querySelectorAll('script').length).toBe(3);
    expect(document.body.getAttribute('onload')).toBe('track()');
  });
});
