// SPDX-License-Identifier: AGPL-3.0-or-later
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createCaptureService } from '../lib/capture/capture-tab';
import { detectBrowser } from '../lib/capture/environment';
import { createPendingCaptureStore } from '../lib/capture/pending-capture';
import { fromBase64, randomId, sha256Hex, utf8Encode } from '../lib/crypto';
import { createAutoLock } from '../lib/messaging/auto-lock';
import { createHandlers } from '../lib/messaging/handlers';
import { createRouter } from '../lib/messaging/router';
import { reportCommandOutcome, runCaptureCommand } from '../lib/messaging/capture-command';
import { createKeyStore } from '../lib/vault/key-store';
import { createDb } from '../lib/vault/schema';
import { createVault } from '../lib/vault/vault';

// Wiring only. Nothing lives in module globals but these stateless services: the session key,
// the pending capture and the auto-lock deadline are in storage.session and alarms.
export default defineBackground(() => {
  const session = browser.storage.session;
  const keyStore = createKeyStore(session);
  const vault = createVault({ db: createDb(), keyStore });
  const pending = createPendingCaptureStore(session);
  const autoLock = createAutoLock(browser.alarms);
  const capture = createCaptureService({
    windows: browser.windows,
    tabs: browser.tabs,
    injectCaptureScript: (tabId) =>
      browser.scripting.executeScript({ target: { tabId }, files: ['/capture.js'] }),
    vault,
    sha256Hex,
    fromBase64,
    utf8Encode,
    randomId,
    environment: async () => ({
      browser: await detectBrowser(browser.runtime, navigator.userAgent),
      extensionVersion: browser.runtime.getManifest().version,
    }),
  });
  const router = createRouter(createHandlers({ vault, capture, pending, autoLock }), {
    extensionOrigin: browser.runtime.getURL('/'),
    runtimeId: browser.runtime.id,
    onRejected: (error, sender) => console.error('Attest refused a message', error, sender.url),
  });

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void router.handle(message, sender).then(sendResponse);
    return true;
  });
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install')
      void browser.tabs.create({ url: browser.runtime.getURL('/vault.html') });
  });
  // storage.session is memory only already; clearing makes "restart locks" explicit.
  browser.runtime.onStartup.addListener(() => void keyStore.clear());
  browser.alarms.onAlarm.addListener((alarm) => {
    if (autoLock.isAutoLockAlarm(alarm)) void vault.lock();
  });
  browser.commands.onCommand.addListener((command) => {
    if (command !== 'capture-page') return;
    const vaultUrl = browser.runtime.getURL('/vault.html');
    const deps = {
      vault,
      capture,
      pending,
      autoLock,
      windows: browser.windows,
      tabs: browser.tabs,
      vaultUrl,
    };
    void runCaptureCommand(deps).then((outcome) => reportCommandOutcome(browser, outcome));
  });
});
