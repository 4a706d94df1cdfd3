// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import {
  escapeStyleText,
  findCssRefs,
  isInlineOrLocal,
  quoteCssString,
  replaceCssRefs,
  unescapeCss,
} from '../../lib/capture/css-urls';
import { createInlineFetcher, isArchivable, toDataUri } from '../../lib/capture/inline-fetch';

const CSS = `@import "a.css" screen;
@import url('b.css');
@font-face { src: url(font.woff2) format("woff2"), url( "f\\28 1\\29.ttf" ); }
body { background: url(data:image/png;base64,AAAA) , url(#grad), url(); }
.x { mask: url(  'img/m.svg#frag'  ); }`;

describe('CSS url() and @import', () => {
  it('finds every reference with its kind and unescaped URL', () => {
    expect(findCssRefs(CSS).map((r) => [r.kind, r.url])).toEqual([
      ['import', 'a.css'],
      ['import', 'b.css'],
      ['url', 'font.woff2'],
      ['url', 'f(1).ttf'],
      ['url', 'data:image/png;base64,AAAA'],
      ['url', '#grad'],
      ['url', ''],
      ['url', 'img/m.svg#frag'],
    ]);
  });

  it('replaces only what it is given, keeping the rest of the text byte for byte', () => {
    const refs = findCssRefs(CSS);
    const out = replaceCssRefs(
      CSS,
      refs,
      refs.map((r) => (isInlineOrLocal(r.url) ? undefined : `data:x/${r.url.length}`)),
    );
    expect(out).toContain('@import url("data:x/5") screen;');
    expect(out).toContain('@import url("data:x/5");');
    expect(out).toContain('src: url("data:x/10") format("woff2"), url("data:x/8");');
    expect(out).toContain('url(data:image/png;base64,AAAA) , url(#grad), url();');
    expect(out).toContain('mask: url("data:x/14");');
    expect(replaceCssRefs(CSS, refs, [])).toBe(CSS);
  });

  it('quotes and escapes so a replacement cannot break out of its string', () => {
    expect(quoteCssString('a"b\\c\nd')).toBe('"a\\22 b\\5c c\\a d"');
    expect(unescapeCss('\\26 x\\)\\\n')).toBe('&x)');
    expect(unescapeCss('\\0 ')).toBe('\uFFFD');
  });

  it('keeps a stylesheet from closing its <style> element', () => {
    const hostile = 'a{} </style><script>alert(1)</script> <STYLE';
    const safe = escapeStyleText(hostile);
    expect(safe).not.toMatch(/<\/?(style|script)/i);
    expect(safe).toContain('\\3c /style');
  });
});

describe('inline fetcher caps', () => {
  const body = (n: number) => new Uint8Array(n).fill(7);
  const fakeFetch = (sizes: Record<string, number>, headerLength = true) =>
    ((url: string) =>
      Promise.resolve(
        url in sizes
          ? new Response(body(sizes[url] ?? 0), {
              headers: {
                'content-type': 'image/png',
                ...(headerLength ? { 'content-length': String(sizes[url]) } : {}),
              },
            })
          : new Response('no', { status: 404 }),
      )) as unknown as typeof fetch;

  it('fetches once per URL, refuses a resource over its cap and resources past the total', async () => {
    let calls = 0;
    const sizes = { a: 10, b: 30, c: 50, d: 15 };
    const counting = ((url: string, init?: RequestInit) => {
      calls++;
      return fakeFetch(sizes, false)(url, init);
    }) as typeof fetch;
    const f = createInlineFetcher(
      { maxResourceBytes: 40, maxTotalBytes: 50, timeoutMs: 5_000 },
      counting,
    );
    expect((await f.get('a'))?.bytes.byteLength).toBe(10);
    await f.get('a');
    expect(calls).toBe(1);
    expect(await f.get('c')).toBeUndefined(); // over the per-resource cap, read no further
    expect((await f.get('b'))?.bytes.byteLength).toBe(30);
    expect(await f.get('d')).toBeUndefined(); // 10 + 30 + 15 > 50
    expect(await f.get('missing')).toBeUndefined();
    f.close();
    expect(f.stats).toMatchObject({
      inlined: 2,
      overResourceCap: ['c'],
      overTotalCap: ['d'],
      failed: ['missing'],
      timedOut: false,
    });
  });

  it('gives up at the time limit and says so', async () => {
    const never = ((_url: string, init?: RequestInit) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      )) as typeof fetch;
    const f = createInlineFetcher({ maxResourceBytes: 1, maxTotalBytes: 1, timeoutMs: 20 }, never);
    expect(await f.get('slow')).toBeUndefined();
    expect(await f.get('later')).toBeUndefined();
    expect(f.stats.timedOut).toBe(true);
  });

  // What Chromium's content-script fetch does with another origin's file sent without CORS.
  const corsRefused = ((url: string) =>
    url.startsWith('other:')
      ? Promise.reject(new TypeError('Failed to fetch'))
      : fakeFetch({ own: 10 })(url)) as typeof fetch;
  const png = (n: number) => {
    const bytes = new Uint8Array(n);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    return bytes;
  };

  it('leaves out at once a file the page is refused, waiting for nothing', async () => {
    const plain = createInlineFetcher(
      { maxResourceBytes: 1, maxTotalBytes: 1, timeoutMs: 5_000 },
      corsRefused,
    );
    expect(await plain.get('other:y')).toBeUndefined();
    expect(plain.stats.failed).toEqual(['other:y']);
    plain.close();
  });

  it('keeps only what a page can show from a reference: images, fonts, stylesheets', () => {
    const text = new TextEncoder().encode('secret');
    expect(isArchivable('image/jpeg', text)).toBe(true);
    expect(isArchivable('text/css; charset=utf-8', text)).toBe(true);
    expect(isArchivable('font/woff2', text)).toBe(true);
    expect(isArchivable('application/vnd.ms-fontobject', text)).toBe(true);
    expect(isArchivable('application/octet-stream', png(16))).toBe(true);
    expect(isArchivable('application/octet-stream', new TextEncoder().encode('wOF2....'))).toBe(
      true,
    );
    expect(isArchivable('application/json', text)).toBe(false);
    expect(isArchivable('text/html', text)).toBe(false);
    expect(isArchivable('', text)).toBe(false);
  });

  it('makes data: URIs whose type cannot carry anything else', () => {
    expect(toDataUri('image/png; charset=x', new Uint8Array([1, 2, 3]))).toBe(
      'data:image/png;base64,AQID',
    );
    expect(toDataUri('"><b>', new Uint8Array([1]))).toBe(
      'data:application/octet-stream;base64,AQ==',
    );
  });
});
