// SPDX-License-Identifier: AGPL-3.0-or-later
import type { SaveAsMhtml } from './archive';
import type { CaptureTabFn, RunInPage } from './full-page';

interface BrowserLike {
  scripting: {
    executeScript(injection: {
      target: { tabId: number };
      func: (...args: never[]) => unknown;
      args?: unknown[];
    }): Promise<Array<{ result?: unknown }>>;
  };
  tabs: object;
  pageCapture?: object;
}

/**
 * The capture APIs that differ between browsers, feature-detected rather than guessed from the
 * user agent: `tabs.captureTab` exists in Firefox only, `pageCapture` in Chromium only.
 */
export function detectCaptureApis(browser: BrowserLike): {
  runInPage: RunInPage;
  captureTab?: CaptureTabFn;
  saveAsMhtml?: SaveAsMhtml;
} {
  const { captureTab } = browser.tabs as { captureTab?: CaptureTabFn };
  const { saveAsMHTML } = (browser.pageCapture ?? {}) as { saveAsMHTML?: SaveAsMhtml };
  return {
    runInPage: async (tabId, func, args) => {
      const [first] = await browser.scripting.executeScript({
        target: { tabId },
        func,
        args,
      });
      return first?.result;
    },
    captureTab:
      typeof captureTab === 'function'
        ? (tabId, options) => captureTab.call(browser.tabs, tabId, options)
        : undefined,
    saveAsMhtml:
      typeof saveAsMHTML === 'function'
        ? (details) => saveAsMHTML.call(browser.pageCapture, details)
        : undefined,
  };
}
