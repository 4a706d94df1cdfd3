// SPDX-License-Identifier: AGPL-3.0-or-later
import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { isCaptureRequest } from '../../lib/capture/capture-request';
import type { CaptureExtension, CaptureService } from '../../lib/capture/capture-tab';
import { planCrop } from '../../lib/capture/element-crop';
import { isPostScriptResult, type ElementData } from '../../lib/capture/element-data';
import type { PageData } from '../../lib/capture/page-data';
import { createPendingCaptureStore } from '../../lib/capture/pending-capture';
import { createThreadCapture, groupKind } from '../../lib/capture/thread-capture';
import { createThreadProgressStore } from '../../lib/capture/thread-progress';
import type { ItemJson } from '../../lib/model/item';
import { MENU_IMAGE, MENU_PAGE, MENU_POST, requestForMenu } from '../../lib/messaging/context-menu';

function element(over: Partial<ElementData> = {}): ElementData {
  return {
    rect: { x: 20, y: 100, width: 600, height: 200 },
    scroll: { x: 0, y: 0 },
    viewport: { width: 1280, height: 800 },
    devicePixelRatio: 2,
    html: '<article>post</article>',
    notes: [],
    ...over,
  };
}

describe('planCrop', () => {
  const visible = { width: 2560, height: 1600 };
  const full = { width: 2560, height: 8000 };

  it('cuts a wholly visible element from the visible screenshot at the real scale', () => {
    expect(planCrop(element(), visible, full)).toEqual({
      source: 'visible',
      rect: { x: 40, y: 200, width: 1200, height: 400 },
      notes: [],
    });
  });

  it('cuts an element taller than the viewport from the full-page image, in page coordinates', () => {
    const tall = element({
      rect: { x: 0, y: -300, width: 600, height: 1500 },
      scroll: { x: 0, y: 1000 },
    });
    expect(planCrop(tall, visible, full)).toEqual({
      source: 'full',
      rect: { x: 0, y: 1400, width: 1200, height: 3000 },
      notes: [],
    });
  });

  it('says when the full-page cap cut the element, and when there is nothing to cut from', () => {
    const low = element({
      rect: { x: 0, y: 700, width: 600, height: 400 },
      scroll: { x: 0, y: 3200 },
    });
    const plan = planCrop(low, visible, full);
    expect(plan).toMatchObject({ source: 'full', rect: { y: 7800, height: 200 } });
    expect('notes' in plan && plan.notes[0]).toMatch(/cut at the edge/);
    const none = planCrop(low, visible);
    expect('note' in none && none.note).toMatch(/not wholly visible/);
    const flat = planCrop(element({ rect: { x: 0, y: 0, width: 0, height: 5 } }), visible);
    expect('note' in flat && flat.note).toMatch(/no size/);
  });
});

describe('what the page and storage hand back is checked', () => {
  it('accepts the post script shapes and refuses others', () => {
    expect(isPostScriptResult({ kind: 'cancelled' })).toBe(true);
    expect(isPostScriptResult({ kind: 'element', element: element() })).toBe(true);
    expect(isPostScriptResult({ kind: 'all', pagePost: false, elements: [element()] })).toBe(true);
    expect(isPostScriptResult({ kind: 'element', element: { ...element(), html: 7 } })).toBe(false);
    expect(isPostScriptResult({ kind: 'element', element: element({ devicePixelRatio: 0 }) })).toBe(
      false,
    );
    expect(
      isPostScriptResult({ kind: 'element', element: { ...element(), post: { id: 'x' } } }),
    ).toBe(false);
    expect(
      isPostScriptResult({ kind: 'all', pagePost: true, elements: Array(201).fill(element()) }),
    ).toBe(false);
    expect(isPostScriptResult(null)).toBe(false);
  });

  it('maps menu entries to requests and validates stored requests', () => {
    expect(requestForMenu({ menuItemId: MENU_PAGE })).toEqual({ kind: 'page' });
    expect(requestForMenu({ menuItemId: MENU_POST })).toEqual({ kind: 'post', at: 'hover' });
    expect(requestForMenu({ menuItemId: MENU_IMAGE, srcUrl: 'https://a.example/i.png' })).toEqual({
      kind: 'image',
      srcUrl: 'https://a.example/i.png',
    });
    expect(requestForMenu({ menuItemId: MENU_IMAGE })).toBeNull();
    expect(requestForMenu({ menuItemId: 'other' })).toBeNull();
    expect(isCaptureRequest({ kind: 'post', at: 'elsewhere' })).toBe(false);
    expect(isCaptureRequest({ kind: 'image', srcUrl: 'x'.repeat(9000) })).toBe(false);
  });
});

describe('pending capture keeps what was asked for', () => {
  beforeEach(() => fakeBrowser.reset());

  it('returns the request with the target, and the page for older entries', async () => {
    const store = createPendingCaptureStore(fakeBrowser.storage.session);
    await store.put({ windowId: 1, tabId: 2 }, { kind: 'post', at: 'hover' });
    expect(await store.claim()).toEqual({
      state: 'ready',
      target: { windowId: 1, tabId: 2 },
      request: { kind: 'post', at: 'hover' },
    });
    await store.put({ windowId: 1, tabId: 2 });
    expect(await store.claim()).toMatchObject({ request: { kind: 'page' } });
  });
});

describe('thread capture', () => {
  beforeEach(() => fakeBrowser.reset());

  const PAGE = { url: 'https://x.com/a/status/1' } as PageData;
  const BASE = {
    formatVersion: 1,
    id: 'page-item',
    capturedAt: '2026-01-01T00:00:00.000Z',
    timezone: 'UTC',
    source: { url: PAGE.url, finalUrl: PAGE.url, title: 't' },
    environment: {
      userAgent: 'ua',
      browser: { name: 'Chrome', version: '1' },
      extensionVersion: '0.1.0',
      viewport: { width: 1280, height: 800 },
      devicePixelRatio: 1,
    },
    collector: { name: 'c', fingerprint: 'F' },
    files: [],
  } satisfies ItemJson;
  // A PNG header is all planCrop reads.
  const png = (w: number, h: number) => {
    const b = new Uint8Array(24);
    const v = new DataView(b.buffer);
    v.setUint32(12, 0x49484452);
    v.setUint32(16, w);
    v.setUint32(20, h);
    return b;
  };

  function setUp(posts: number, cancelAfter?: number) {
    const committed: ItemJson[] = [];
    /** Posts whose storage was begun, counted when each item is committed. */
    const drafted: number[] = [];
    let drafts = 0;
    const progress = createThreadProgressStore(fakeBrowser.storage.session);
    const capture: CaptureService = {
      resolveTarget: () => Promise.resolve({ windowId: 1, tabId: 2 }),
      async capture(_target, extend?: CaptureExtension) {
        const more = await extend?.({
          visiblePng: png(1280, 800),
          fullPng: png(1280, 4000),
          page: PAGE,
          item: BASE,
          media: [],
        });
        drafted.push(drafts);
        committed.push({ ...BASE, ...(more?.group ? { group: more.group } : {}) });
        return { itemId: BASE.id, files: [] };
      },
      privateWindows: () => Promise.resolve({ allowed: false, targetIsPrivate: false }),
    };
    let n = 0;
    const thread = createThreadCapture({
      capture,
      progress,
      posts: {
        runPostScript: () =>
          Promise.resolve({
            kind: 'all',
            pagePost: true,
            elements: Array.from({ length: posts }, (_, i) =>
              element({
                rect: { x: 0, y: i * 300, width: 600, height: 200 },
                devicePixelRatio: 1,
                post: { platform: 'x', id: String(i) },
              }),
            ),
          }),
      },
      cropPng: (_png, rect) => Promise.resolve(png(rect.width, rect.height)),
      utf8Encode: (t) => new TextEncoder().encode(t),
      draftCapture: () => {
        drafts++;
        return {
          add: () => undefined,
          async commit(item) {
            drafted.push(drafts);
            committed.push(item);
            if (cancelAfter !== undefined && committed.length === cancelAfter)
              await progress.requestCancel();
          },
        };
      },
      sha256Hex: () => Promise.resolve('0'.repeat(64)),
      randomId: () => `id-${n++}`,
    });
    return { thread, committed, progress, drafted };
  }

  it('commits the page, then every post as its own grouped item with its fields', async () => {
    const { thread, committed, progress } = setUp(4);
    const result = await thread.captureThread({ windowId: 1, tabId: 2 });
    expect(result.state).toBe('done');
    expect(committed.map((i) => i.group?.index)).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(committed.map((i) => i.group?.kind))).toEqual(new Set(['thread']));
    expect(committed.slice(1).map((i) => i.post?.id)).toEqual(['0', '1', '2', '3']);
    for (const post of committed.slice(1)) {
      expect(post.files.map((f) => f.role)).toEqual(['screenshot-element', 'element-snapshot']);
    }
    expect(await progress.get()).toMatchObject({ state: 'done', done: 5, total: 5 });
  });

  it("begins every post's storage before the page is stored, in the vault of that moment", async () => {
    const { thread, drafted } = setUp(4);
    await thread.captureThread({ windowId: 1, tabId: 2 });
    expect(drafted).toEqual([4, 4, 4, 4, 4]);
  });

  it('stops after the item being committed when cancelled; what was committed stays whole', async () => {
    const { thread, committed, progress } = setUp(4, 3);
    const result = await thread.captureThread({ windowId: 1, tabId: 2 });
    expect(result.state).toBe('cancelled');
    expect(committed).toHaveLength(3);
    expect(await progress.get()).toMatchObject({ state: 'cancelled', done: 3, total: 5 });
  });

  it('names the group by what the page shows', () => {
    const by = (handle: string) => element({ post: { platform: 'x', author: { handle } } });
    expect(groupKind([by('a'), by('a')], false)).toBe('profile');
    expect(groupKind([by('a'), by('b')], false)).toBe('page');
    expect(groupKind([by('a'), by('b')], true)).toBe('thread');
  });
});
