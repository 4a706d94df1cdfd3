// SPDX-License-Identifier: AGPL-3.0-or-later
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { detectCaptureApis } from '../lib/capture/browser-apis';
import { createCaptureRunner } from '../lib/capture/capture-request';
import { createCaptureService } from '../lib/capture/capture-tab';
import { createPostCapture } from '../lib/capture/element-capture';
import { createBrowserCropper } from '../lib/capture/element-crop';
import { detectBrowser } from '../lib/capture/environment';
import { createHtmlArchiver } from '../lib/capture/inline-archive';
import { createMediaCollector } from '../lib/capture/media';
import { createPendingCaptureStore } from '../lib/capture/pending-capture';
import { createThreadCapture } from '../lib/capture/thread-capture';
import { createThreadProgressStore } from '../lib/capture/thread-progress';
import { fromBase64, randomId, sha256Hex, utf8Encode } from '../lib/crypto';
import { createAutoLock } from '../lib/messaging/auto-lock';
import { createTimestampService, flushAfterDraftCommit } from '../lib/timestamp/service';
import { registerBackgroundListeners } from '../lib/messaging/background-listeners';
import { createKeyStore } from '../lib/vault/key-store';
import { createDb } from '../lib/vault/schema';
import { createVault } from '../lib/vault/vault';

// Wiring only. Nothing lives in module globals but these stateless services: the session key,
// the pending capture and the auto-lock deadline are in storage.session and alarms.
export default defineBackground(() => {
  const session = browser.storage.session;
  const keyStore = createKeyStore(session);
  const vault = createVault({ db: createDb(), keyStore, storage: navigator.storage });
  // The only request Attest makes of its own: a capture's digest to the authority the user named.
  const timestamps = createTimestampService({
    vault,
    fetch: (input, init) => fetch(input, init),
    now: () => Date.now(),
    alarms: browser.alarms,
  });
  const draftCapture = flushAfterDraftCommit(() => vault.draftCapture(), timestamps);
  const { captureTab, runInPage, saveAsMhtml } = detectCaptureApis(browser);
  const capture = createCaptureService({
    windows: browser.windows,
    tabs: browser.tabs,
    captureTab,
    runInPage,
    saveAsMhtml,
    isAllowedIncognitoAccess: () => browser.extension.isAllowedIncognitoAccess(),
    media: createMediaCollector({ runInPage, sha256Hex, fromBase64 }),
    htmlArchiver: createHtmlArchiver({
      runInPage,
      utf8Encode,
      injectArchiveScript: (tabId) =>
        browser.scripting.executeScript({ target: { tabId }, files: ['/inline-archive.js'] }),
    }),
    injectCaptureScript: (tabId) =>
      browser.scripting.executeScript({ target: { tabId }, files: ['/capture.js'] }),
    vault: { ...vault, draftCapture },
    sha256Hex,
    fromBase64,
    utf8Encode,
    randomId,
    environment: async () => ({
      browser: await detectBrowser(browser.runtime, navigator.userAgent),
      extensionVersion: browser.runtime.getManifest().version,
    }),
  });
  const cropPng = createBrowserCropper();
  const posts = createPostCapture({
    capture,
    runInPage,
    cropPng,
    utf8Encode,
    injectPostScript: async (tabId) =>
      (await browser.scripting.executeScript({ target: { tabId }, files: ['/posts.js'] }))[0]
        ?.result,
  });
  const progress = createThreadProgressStore(session);
  const thread = createThreadCapture({
    capture,
    posts,
    progress,
    cropPng,
    utf8Encode,
    draftCapture,
    sha256Hex,
    randomId,
  });
  registerBackgroundListeners(browser, {
    vault,
    keyStore,
    capture,
    pending: createPendingCaptureStore(session),
    autoLock: createAutoLock(browser.alarms),
    runner: createCaptureRunner({ capture, posts, image: { runInPage, fromBase64 } }),
    thread: { capture: thread, progress },
    timestamps,
  });
});
