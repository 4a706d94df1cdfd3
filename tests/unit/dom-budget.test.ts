// SPDX-License-Identifier: AGPL-3.0-or-later
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  cloneWithin,
  countNodes,
  fromPrototype,
  MAX_DOM_NODES,
} from '../../lib/capture/dom-budget';
import { snapshotPage } from '../../lib/capture/dom-snapshot';
import { startInlineArchive } from '../../lib/capture/inline-archive-build';
import { ARCHIVE_LIMITS } from '../../lib/capture/inline-archive';

const OPTIONS = { url: 'https://social.example/feed', capturedAt: '2026-01-02T03:04:05.678Z' };

/** A page of `n` paragraphs, each an element and a text node. */
function feed(n: number) {
  const items = Array.from({ length: n }, (_, i) => `<p>item ${i}</p>`).join('');
  return parseHTML(
    `<!DOCTYPE html><html><head><title>Feed</title></head><body>${items}</body></html>`,
  ).document;
}

describe('DOM budget: the node limit', () => {
  it('counts every node and stops early when asked', () => {
    const doc = feed(10);
    // html, head, title, its text, body, 10 × (p + text)
    expect(countNodes(doc.documentElement)).toBe(25);
    expect(countNodes(doc.documentElement, 5)).toBe(6);
  });

  it('keeps a page under the limit whole, with no note', () => {
    const doc = feed(10);
    const page = snapshotPage(doc, { ...OPTIONS, maxNodes: 25 });
    expect(page.notes).toEqual([]);
    expect(page.html).toBe(snapshotPage(doc, OPTIONS).html);
    expect(page.html).toContain('<p>item 9</p>');
  });

  it('keeps only the first nodes of a page over the limit, and says so in the notes', () => {
    const doc = feed(1000);
    const page = snapshotPage(doc, { ...OPTIONS, maxNodes: 105 });
    expect(page.notes).toEqual([
      `DOM snapshot: the page has 2005 DOM nodes, over the limit of ${MAX_DOM_NODES}; only the first 105 in document order are kept`,
    ]);
    expect(page.html).toContain('<title>Feed</title>');
    expect(page.html).toContain('<p>item 0</p>');
    expect(page.html).toContain('<p>item 49</p>');
    expect(page.html).not.toContain('item 51');
    const kept = parseHTML(page.html).document;
    // The <base> the snapshot adds is the one node more.
    expect(countNodes(kept.documentElement)).toBe(106);
  });

  it('keeps every kept node in its place in the tree', () => {
    const { document } = parseHTML(
      '<html><body><div><p>a<b>b</b></p><p>c</p></div><div><p>d</p></div></body></html>',
    );
    const { clone, kept, total } = cloneWithin(document.documentElement, 8);
    expect([kept, total]).toEqual([8, 12]);
    expect(clone.outerHTML).toBe('<html><body><div><p>a<b>b</b></p><p></p></div></body></html>');
  });

  it('skips the HTML archive of a page over the limit, with the reason', async () => {
    const doc = feed(MAX_DOM_NODES / 2);
    const result = await startInlineArchive(doc, {
      ...ARCHIVE_LIMITS,
      capturedAt: OPTIONS.capturedAt,
    }).end();
    expect(result).toEqual({
      skipped: `the page has more than ${MAX_DOM_NODES} DOM nodes, the limit for it`,
    });
  });
});

describe('DOM budget: reads a page cannot clobber', () => {
  // Named elements (<img name="title">) appear as the document's own properties. One at a time:
  // linkedom's own getters read some of them through `this`, browsers' native ones do not.
  const clobbered = (name: string) => {
    const doc = feed(2);
    Object.defineProperty(doc, name, { value: doc.createElement('img'), configurable: true });
    return doc;
  };

  it('reads title, documentElement and doctype from the prototype, not from named elements', () => {
    expect(fromPrototype<string>(clobbered('title'), 'title')).toBe('Feed');
    expect(fromPrototype<Element>(clobbered('documentElement'), 'documentElement').tagName).toBe(
      'HTML',
    );
    for (const name of ['title', 'documentElement', 'doctype', 'URL']) {
      const page = snapshotPage(clobbered(name), OPTIONS);
      expect(page.html, name).toMatch(/^<!DOCTYPE html>/);
      expect(page.html, name).toContain('<p>item 1</p>');
      expect(page.html, name).toContain(`<base href="${OPTIONS.url}">`);
    }
  });
});
