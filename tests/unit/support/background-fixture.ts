// SPDX-License-Identifier: AGPL-3.0-or-later
// The background as it runs in the extension, over WXT's fake browser (alarms, storage.session,
// runtime events), a real vault on fake-indexeddb and a small fake of the tab strip and of the
// screenshot and script-injection APIs, which the fake browser does not implement.
import { fakeBrowser } from 'wxt/testing';
import { createCaptureService } from '../../../lib/capture/capture-tab';
import type { PageData } from '../../../lib/capture/page-data';
import { createPendingCaptureStore } from '../../../lib/capture/pending-capture';
import { fromBase64, randomId, sha256Hex, toBase64, utf8Encode } from '../../../lib/crypto/index';
import { createAutoLock } from '../../../lib/messaging/auto-lock';
import { registerBackgroundListeners } from '../../../lib/messaging/background-listeners';
import type { MessageType, Reply, RequestOf, ResponseOf } from '../../../lib/messaging/protocol';
import {
  createTimestampService,
  flushAfterDraftCommit,
  type TimestampService,
} from '../../../lib/timestamp/service';
import { createKeyStore } from '../../../lib/vault/index';
import { createHarness, type VaultHarness } from './vault-fixtures';

export const PAGE_URL = 'https://social.example/p/1';
const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 9, 9, 9]);

interface FakeTab {
  id: number;
  windowId: number;
  url: string;
  active: boolean;
}

/** Windows and tabs as the capture service and the shortcut see them; the test moves focus. */
export function createTabStrip() {
  const tabs: FakeTab[] = [
    { id: 11, windowId: 1, url: PAGE_URL, active: true },
    { id: 12, windowId: 1, url: 'https://news.example/', active: false },
  ];
  const createdWindows: Array<{ url: string; type: string }> = [];
  const createdTabs: string[] = [];
  return {
    createdWindows,
    createdTabs,
    /** Makes `tabId` the active tab of its window, as a user switching tabs would. */
    activate(tabId: number) {
      for (const t of tabs) t.active = t.id === tabId;
    },
    windows: {
      getLastFocused: () => Promise.resolve({ id: 1, type: 'normal', focused: true }),
      getAll: () => Promise.resolve([{ id: 1, type: 'normal', focused: true }]),
      create: (data: { url: string; type: 'popup' }) => {
        createdWindows.push({ url: data.url, type: data.type });
        return Promise.resolve({ id: 100 + createdWindows.length });
      },
    },
    tabs: {
      query: (q: { active: true; windowId: number }) =>
        Promise.resolve(
          tabs.filter((t) => t.active && t.windowId === q.windowId).map((t) => ({ ...t })),
        ),
      get: (id: number) => {
        const tab = tabs.find((t) => t.id === id);
        return tab ? Promise.resolve({ ...tab }) : Promise.reject(new Error(`No tab ${id}`));
      },
      create: (data: { url: string }) => {
        createdTabs.push(data.url);
        return Promise.resolve({ id: 50 });
      },
      captureVisibleTab: () => Promise.resolve(`data:image/png;base64,${toBase64(PNG)}`),
    },
    /** What `scripting.executeScript` returns from the capture script in the given tab. */
    inject: (tabId: number) => {
      const tab = tabs.find((t) => t.id === tabId);
      // Typed, so a change of the capture script's contract shows up here at typecheck.
      const result: PageData = {
        url: tab?.url ?? '',
        title: `Page of tab ${tabId}`,
        viewport: { width: 1280, height: 800 },
        devicePixelRatio: 1,
        timezone: 'UTC',
        userAgent: 'Mozilla/5.0 Chrome/156.0.0.0',
        capturedAt: new Date().toISOString(),
        html: '<html><body>post</body></html>',
        notes: [],
      };
      return Promise.resolve([{ result }]);
    },
  };
}

export interface BackgroundFixture {
  harness: VaultHarness;
  strip: ReturnType<typeof createTabStrip>;
  /** Sends a message through the real onMessage listener as the extension's vault page. */
  send<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>>;
  /** Presses the keyboard shortcut (fires commands.onCommand) and waits for it to finish. */
  pressShortcut(): Promise<void>;
  /** The auto-lock alarm as the fake browser holds it. */
  alarm(): Promise<{ name: string; scheduledTime: number } | undefined>;
  /** The timestamp service, when the fixture was started with `timestamps`. */
  timestamps?: TimestampService;
}

export interface BackgroundOptions {
  /** Wires RFC 3161 timestamps as background.ts does, over this fetch and clock. */
  timestamps?: { fetch: typeof fetch; now: () => number };
}

/**
 * Resets the fake browser and registers the real background listeners on it over a fresh,
 * empty vault. A new fixture over the same harness is what a restarted service worker builds.
 */
export function startBackground(
  harness: VaultHarness = createHarness(),
  options: BackgroundOptions = {},
): BackgroundFixture {
  fakeBrowser.reset();
  const strip = createTabStrip();
  const onCommand: Array<(command: string) => Promise<void>> = [];
  const vault = harness.reopen();
  const timestamps =
    options.timestamps &&
    createTimestampService({ vault, ...options.timestamps, alarms: fakeBrowser.alarms });
  const draftCapture = timestamps
    ? flushAfterDraftCommit(() => vault.draftCapture(), timestamps)
    : undefined;
  const keyStore = createKeyStore(fakeBrowser.storage.session);
  const capture = createCaptureService({
    windows: strip.windows,
    tabs: strip.tabs,
    injectCaptureScript: strip.inject,
    // Full-page stitching is not what these tests are about: it fails here, and the capture
    // keeps the visible screenshot and the snapshot with a note, as it does in a browser.
    runInPage: () => Promise.reject(new Error('scripting.executeScript(func) is not faked here')),
    vault: draftCapture ? { ...vault, draftCapture } : vault,
    sha256Hex,
    fromBase64,
    utf8Encode,
    randomId,
    environment: () =>
      Promise.resolve({ browser: { name: 'Chrome', version: '156' }, extensionVersion: '0.1.0' }),
  });
  registerBackgroundListeners(
    {
      runtime: fakeBrowser.runtime,
      alarms: fakeBrowser.alarms,
      commands: { onCommand: { addListener: (l) => void onCommand.push(l) } },
      windows: strip.windows,
      tabs: strip.tabs,
    },
    {
      vault,
      keyStore,
      capture,
      pending: createPendingCaptureStore(fakeBrowser.storage.session, () => Date.now()),
      autoLock: createAutoLock(fakeBrowser.alarms),
      ...(timestamps ? { timestamps } : {}),
    },
  );
  const origin = fakeBrowser.runtime.getURL('/');
  return {
    harness,
    strip,
    async send(type, payload) {
      const reply = await new Promise<Reply<unknown>>((resolve) => {
        // The fake's typings omit sendResponse; the real listener answers through it.
        const event = fakeBrowser.runtime.onMessage as unknown as {
          trigger(...args: unknown[]): Promise<unknown>;
        };
        void event.trigger(
          { type, payload },
          { id: fakeBrowser.runtime.id, url: `${origin}vault.html`, origin: origin.slice(0, -1) },
          resolve,
        );
      });
      if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
      return reply.value as ResponseOf<typeof type>;
    },
    async pressShortcut() {
      await Promise.all(onCommand.map((l) => l('capture-page')));
    },
    async alarm() {
      return fakeBrowser.alarms.get('attest-auto-lock');
    },
    ...(timestamps ? { timestamps } : {}),
  };
}
