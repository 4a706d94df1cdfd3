// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaptureRunner } from '../capture/capture-request';
import type { CaptureService } from '../capture/capture-tab';
import type { ThreadCapture } from '../capture/thread-capture';
import type { ThreadProgressStore } from '../capture/thread-progress';
import type { TimestampService } from '../timestamp/service';
import { t } from '../i18n';
import type { PendingCaptureStore } from '../capture/pending-capture';
import type { AutoLock } from './auto-lock';
import {
  reportCommandOutcome,
  runCaptureCommand,
  type CaptureCommandDeps,
} from './capture-command';
import { createCaptureMenus, listenToCaptureMenus, type MenusApi } from './context-menu';
import { createHandlers, type HandlerVault } from './handlers';
import type { Reply } from './protocol';
import { createRouter, type SenderInfo } from './router';
import { listenForLockAndPanic, type LockAndPanicApi } from './lock-listeners';

interface ApiEvent<L> {
  addListener(listener: L): void;
}

/** The part of the WebExtension API the background listens to (WXT's `browser` or a fake). */
export interface BackgroundApi {
  runtime: {
    id: string;
    getURL(path: string): string;
    onMessage: ApiEvent<
      (message: unknown, sender: SenderInfo, sendResponse: (reply: Reply<unknown>) => void) => true
    >;
    onInstalled: ApiEvent<(details: { reason: string }) => void>;
    onStartup: ApiEvent<() => Promise<void>>;
  };
  alarms: { onAlarm: ApiEvent<(alarm: { name: string }) => Promise<void>> };
  commands: { onCommand: ApiEvent<(command: string) => Promise<void>> };
  windows: CaptureCommandDeps['windows'];
  tabs: CaptureCommandDeps['tabs'];
  /** Absent where the build does not ask for the permission (and in some tests). */
  contextMenus?: MenusApi;
  action?: unknown;
  browserAction?: unknown;
  /** System lock ('locked') where the browser reports it; absent without the permission. */
  idle?: LockAndPanicApi['idle'];
  /** storage.session, cleared whole after a wipe. */
  storage?: LockAndPanicApi['storage'];
}

export interface BackgroundServices {
  vault: HandlerVault;
  /** Forgets the session key; the vault is locked afterwards. */
  keyStore: { clear(): Promise<void> };
  capture: CaptureService;
  pending: PendingCaptureStore;
  autoLock: AutoLock;
  /** Post and image capture, and every post of a page (optional so page-only tests stay small). */
  runner?: CaptureRunner;
  thread?: { capture: ThreadCapture; progress: ThreadProgressStore };
  /** RFC 3161 timestamps: settings, the queue and its retry alarm. */
  timestamps?: TimestampService;
}

/**
 * Registers every background listener, synchronously, as a restarted service worker must. The
 * listeners return their promises so the browser (and tests) can tell when they are done.
 */
export function registerBackgroundListeners(
  api: BackgroundApi,
  services: BackgroundServices,
): void {
  const { vault, keyStore, capture, pending, autoLock, runner, thread, timestamps } = services;
  const vaultUrl = api.runtime.getURL('/vault.html');
  const clearSession = api.storage ? () => api.storage!.session.clear() : undefined;
  const router = createRouter(
    createHandlers({ vault, capture, pending, autoLock, runner, thread, clearSession, timestamps }),
    {
      extensionOrigin: api.runtime.getURL('/'),
      runtimeId: api.runtime.id,
      onRejected: (error, sender) => console.error('Attest refused a message', error, sender.url),
    },
  );

  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void router.handle(message, sender).then(sendResponse);
    return true;
  });
  const menus = api.contextMenus;
  const makeMenus = () =>
    menus ? createCaptureMenus(menus, t).catch((e: unknown) => console.error(e)) : undefined;
  api.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void api.tabs.create({ url: vaultUrl });
    void makeMenus();
  });
  // storage.session is memory only already; clearing makes "restart locks" explicit.
  api.runtime.onStartup.addListener(async () => {
    await keyStore.clear();
    await makeMenus();
  });
  const commandDeps = {
    vault,
    capture,
    pending,
    autoLock,
    runner,
    windows: api.windows,
    tabs: api.tabs,
    vaultUrl,
  };
  if (menus) listenToCaptureMenus(menus, commandDeps, api);
  api.alarms.onAlarm.addListener(async (alarm) => {
    if (autoLock.isAutoLockAlarm(alarm)) await vault.lock();
    // Locked, the flush sends nothing and the next unlock flushes instead.
    else if (timestamps?.isRetryAlarm(alarm)) await timestamps.flush();
  });
  listenForLockAndPanic(api, { vault, autoLock, clearSession, vaultUrl });
  api.commands.onCommand.addListener(async (command) => {
    if (command !== 'capture-page' && command !== 'capture-post') return;
    const outcome = await runCaptureCommand({
      ...commandDeps,
      request: command === 'capture-post' ? { kind: 'post', at: 'pick' } : { kind: 'page' },
    });
    await reportCommandOutcome(api, outcome);
  });
}
