// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it, vi } from 'vitest';
import {
  createCaptureService,
  isCapturableUrl,
  NOTE_PRIVATE_WINDOW,
  type CaptureDeps,
  type CaptureVault,
} from '../../lib/capture/capture-tab';
import {
  createPendingCaptureStore,
  PENDING_CAPTURE_TTL_MS,
} from '../../lib/capture/pending-capture';
import { NOTE_NO_MHTML } from '../../lib/capture/archive';
import { createHtmlArchiver } from '../../lib/capture/inline-archive';
import { sha256Hex, toBase64, utf8Encode } from '../../lib/crypto';
import { captureDeps, PAGE, PNG, type TabReport } from './support/capture-fixture';

function deps(
  overrides: Partial<CaptureDeps> = {},
  status: Awaited<ReturnType<CaptureVault['status']>> = 'unlocked',
  tab?: TabReport,
) {
  return captureDeps(overrides, { status, tab });
}

describe('capture service', () => {
  it('hashes every artifact and commits item.json with the metadata', async () => {
    const { deps: d, commits } = deps();
    const result = await createCaptureService(d).capture();
    const [commit] = commits;
    expect(commit?.item.id).toBe(result.itemId);
    expect(commit?.item.files.map((f) => f.role)).toEqual([
      'screenshot-visible',
      'dom-snapshot',
      'screenshot-full',
    ]);
    expect(commit?.item.files[2]?.sha256).toBe(await sha256Hex(PNG));
    expect(commit?.item.files[0]?.sha256).toBe(await sha256Hex(PNG));
    expect(commit?.item.files[1]?.sha256).toBe(await sha256Hex(utf8Encode(PAGE.html)));
    expect(commit?.item).toMatchObject({
      capturedAt: '2026-01-01T00:00:00.000Z',
      timezone: 'Europe/Paris',
      source: { url: PAGE.url, finalUrl: PAGE.url, title: 'Post' },
      environment: {
        devicePixelRatio: 2,
        viewport: { width: 1280, height: 800 },
        browser: { name: 'Chrome' },
      },
      collector: { name: 'Ana' },
      notes: ['post fields not detected', NOTE_NO_MHTML],
    });
    expect(commit?.item.post).toBeUndefined();
  });

  it('states in the item that a capture was made in a private window, and only then', async () => {
    const { deps: d, commits } = deps({}, 'unlocked', { incognito: true });
    await createCaptureService(d).capture();
    expect(commits[0]?.item.notes).toEqual([
      NOTE_PRIVATE_WINDOW,
      'post fields not detected',
      NOTE_NO_MHTML,
    ]);
    const normal = deps();
    await createCaptureService(normal.deps).capture();
    expect(normal.commits[0]?.item.notes).not.toContain(NOTE_PRIVATE_WINDOW);
  });

  it("reports the browser's private-window switch and whether the tab to capture is private", async () => {
    const privateTab = { incognito: true };
    const allowed = () => Promise.resolve(true);
    const report = (o: Partial<CaptureDeps>, tab?: TabReport) =>
      createCaptureService(deps(o, 'unlocked', tab).deps).privateWindows();
    expect(await report({ isAllowedIncognitoAccess: allowed }, privateTab)).toEqual({
      allowed: true,
      targetIsPrivate: true,
    });
    expect(await report({ isAllowedIncognitoAccess: allowed })).toEqual({
      allowed: true,
      targetIsPrivate: false,
    });
    // Not knowing counts as not allowed, so the user is told how to check; no window, no private tab.
    expect(await report({})).toEqual({ allowed: false, targetIsPrivate: false });
    expect(
      await report({ isAllowedIncognitoAccess: () => Promise.reject(new Error('no API')) }),
    ).toEqual({ allowed: false, targetIsPrivate: false });
    const noWindow = {
      getLastFocused: () => Promise.resolve({}),
      getAll: () => Promise.resolve([]),
    };
    expect(
      await report({ isAllowedIncognitoAccess: allowed, windows: noWindow }, privateTab),
    ).toEqual({ allowed: true, targetIsPrivate: false });
  });

  it('refuses while locked, on browser pages, on a changed tab, and names a full disk', async () => {
    const locked = deps({}, 'locked');
    await expect(createCaptureService(locked.deps).capture()).rejects.toMatchObject({
      code: 'vault-locked',
    });
    const chrome = deps({}, 'unlocked', { url: 'chrome://settings' });
    await expect(createCaptureService(chrome.deps).capture()).rejects.toMatchObject({
      code: 'restricted-page',
    });
    // A target named earlier (a shortcut waiting for the passphrase) is asked for again.
    const moved = deps({}, 'unlocked', { active: false });
    await expect(
      createCaptureService(moved.deps).capture({ windowId: 7, tabId: 3 }),
    ).rejects.toMatchObject({ code: 'tab-changed' });
    const closed = deps({
      tabs: { ...deps().deps.tabs, get: () => Promise.reject(new Error('No tab')) },
    });
    await expect(
      createCaptureService(closed.deps).capture({ windowId: 7, tabId: 3 }),
    ).rejects.toMatchObject({ code: 'tab-changed' });
    const quota = new Error('Saving failed (QuotaExceededError: The quota has been exceeded.)');
    const full = deps({
      vault: {
        ...deps().deps.vault,
        draftCapture: () => ({ add: () => undefined, commit: () => Promise.reject(quota) }),
      },
    });
    await expect(createCaptureService(full.deps).capture()).rejects.toMatchObject({
      code: 'storage-full',
    });
    for (const c of [locked, chrome, moved, closed]) expect(c.commits).toEqual([]);
  });

  it('waits out the browser screenshot quota instead of failing, but not forever', async () => {
    const quota = new Error(
      'This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.',
    );
    let calls = 0;
    const waits: number[] = [];
    const busy = deps({
      wait: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
      tabs: {
        ...deps().deps.tabs,
        captureVisibleTab: () =>
          ++calls < 3
            ? Promise.reject(quota)
            : Promise.resolve(`data:image/png;base64,${toBase64(PNG)}`),
      },
    });
    await createCaptureService(busy.deps).capture();
    expect(calls).toBe(3);
    expect(waits.length).toBe(2);
    expect(busy.commits.length).toBe(1);

    const never = deps({
      wait: () => Promise.resolve(),
      tabs: { ...deps().deps.tabs, captureVisibleTab: () => Promise.reject(quota) },
    });
    await expect(createCaptureService(never.deps).capture()).rejects.toMatchObject({
      code: 'screenshot-failed',
    });
    expect(never.commits).toEqual([]);
  });

  it('reads the page while the screenshot is taken, and ends the archive begun in the page if the screenshot fails', async () => {
    const seen: string[] = [];
    const inPage: string[] = [];
    const htmlArchiver = createHtmlArchiver({
      injectArchiveScript: () => Promise.resolve(),
      runInPage: (_tabId, func) => {
        inPage.push(func.name);
        return Promise.resolve(func.name === 'startBuilder' ? true : null);
      },
      utf8Encode,
    });
    const screenshot = (ok: boolean) => async () => {
      await new Promise((r) => setTimeout(r, 30));
      seen.push('screenshot');
      if (!ok) throw new Error('the tab went away');
      return `data:image/png;base64,${toBase64(PNG)}`;
    };
    const taking = (ok: boolean) =>
      deps({
        htmlArchiver,
        injectCaptureScript: () => {
          seen.push('page read');
          return Promise.resolve([{ result: PAGE }]);
        },
        tabs: { ...deps().deps.tabs, captureVisibleTab: screenshot(ok) },
      });
    const good = taking(true);
    await createCaptureService(good.deps).capture();
    expect(seen).toEqual(['page read', 'screenshot']);
    expect(good.commits.length).toBe(1);
    expect(inPage).toEqual(['startBuilder', 'finishBuilder']);

    seen.length = 0;
    inPage.length = 0;
    const bad = taking(false);
    await expect(createCaptureService(bad.deps).capture()).rejects.toMatchObject({
      code: 'screenshot-failed',
    });
    expect(bad.commits).toEqual([]);
    // Nothing of the unused archive is left waiting in the page.
    await vi.waitFor(() => expect(inPage).toEqual(['startBuilder', 'finishBuilder']));
  });

  it('targets a normal window even when the browser reports our popup window as last focused', async () => {
    const { deps: d } = deps({
      windows: {
        getLastFocused: () => Promise.resolve({ id: 29, type: 'popup', focused: true }),
        getAll: () =>
          Promise.resolve([
            { id: 5, type: 'normal', focused: false },
            { id: 7, type: 'normal', focused: true },
          ]),
      },
    });
    expect(await createCaptureService(d).resolveTarget()).toEqual({ windowId: 7, tabId: 3 });
  });

  it('asks the browser once for the active tab it captures', async () => {
    const asked: string[] = [];
    const { tabs } = deps().deps;
    const { deps: d, commits } = deps({
      tabs: {
        ...tabs,
        query: (q) => (asked.push('query'), tabs.query(q)),
        get: (id) => (asked.push('get'), tabs.get(id)),
      },
    });
    await createCaptureService(d).capture();
    expect(asked).toEqual(['query']);
    expect(commits.length).toBe(1);
  });

  it("takes the page's size from the capture script; asks the page only when it is missing or wrong", async () => {
    const measuredBy = async (page: object) => {
      const asked: string[] = [];
      const world = captureDeps({}, { page });
      const { runInPage } = world.deps;
      world.deps.runInPage = (tabId, func, args) => (
        asked.push(func.name),
        runInPage(tabId, func, args)
      );
      await createCaptureService(world.deps).capture();
      expect(world.commits[0]?.item.files.map((f) => f.role)).toContain('screenshot-full');
      return asked.filter((name) => name === 'measurePage').length;
    };
    expect(await measuredBy(PAGE)).toBe(0);
    expect(await measuredBy({ ...PAGE, metrics: undefined })).toBe(1);
    expect(await measuredBy({ ...PAGE, metrics: { ...PAGE.metrics, innerHeight: -1 } })).toBe(1);
  });

  it('treats only web pages and files as capturable', () => {
    expect(isCapturableUrl('https://a.example/')).toBe(true);
    expect(isCapturableUrl('file:///tmp/x.html')).toBe(true);
    for (const url of [
      undefined,
      '',
      'chrome://newtab',
      'about:blank',
      'chrome-extension://x/vault.html',
      'https://chromewebstore.google.com/x',
      'https://addons.mozilla.org/',
    ]) {
      expect(isCapturableUrl(url)).toBe(false);
    }
  });
});

describe('pending capture', () => {
  it('survives in session storage, is taken once, and expires', async () => {
    const data = new Map<string, unknown>();
    const area = {
      get: (k: string) => Promise.resolve(data.has(k) ? { [k]: data.get(k) } : {}),
      set: (items: Record<string, unknown>) =>
        Promise.resolve(void Object.entries(items).forEach(([k, v]) => data.set(k, v))),
      remove: (k: string) => Promise.resolve(void data.delete(k)),
    };
    let now = 1_000;
    const store = createPendingCaptureStore(area, () => now);
    await store.put({ windowId: 1, tabId: 2 });
    expect(await createPendingCaptureStore(area, () => now).has()).toBe(true);
    expect(await store.take()).toEqual({ windowId: 1, tabId: 2 });
    expect(await store.take()).toBeNull();
    await store.put({ windowId: 1, tabId: 2 });
    now += PENDING_CAPTURE_TTL_MS + 1;
    expect(await store.take()).toBeNull();
  });
});
