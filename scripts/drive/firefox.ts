// SPDX-License-Identifier: AGPL-3.0-or-later
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { DrivenPage } from './flow.ts';

export interface FirefoxSession {
  browser: Browser;
  /** The vault page the extension opens on install (drivable; the driver cannot open moz-extension URLs itself). */
  vaultPage(): Promise<Page>;
  /** Asks the extension to open its popup in a popup-type window and returns that page. */
  openPopup(vault: Page): Promise<Page>;
  close(): Promise<void>;
}

/** Preferences every driven Firefox gets: no first-run prompts, no telemetry, add-ons enabled. */
export const FIREFOX_PREFS = {
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'extensions.autoDisableScopes': 0,
};

/** The first page whose own `location.href` (the driver's url may lag) satisfies `match`. */
export async function waitForPage(
  browser: Browser,
  match: (url: string) => boolean,
  timeoutMs = 30_000,
): Promise<Page> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const page of await browser.pages()) {
      const url = await page.evaluate(() => location.href).catch(() => page.url());
      if (match(url)) return page;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('page did not appear');
}

/** The add-on id of the Firefox build (wxt.config.ts, browser_specific_settings.gecko.id). */
export const FIREFOX_ADDON_ID = 'attest@attest.invalid';

/**
 * Seeds a new profile folder so Firefox lets the add-on into private windows, as choosing "Allow"
 * for "Run in Private Windows" in about:addons does. Firefox keeps that choice as the
 * `internal:privateBrowsingAllowed` permission in the profile's extension-preferences.json, read
 * at start (seen in ESR 153, for an add-on installed over WebDriver BiDi afterwards too); no
 * preference grants it any more.
 */
export function allowInPrivateWindows(profileDir: string): void {
  mkdirSync(profileDir, { recursive: true });
  writeFileSync(
    join(profileDir, 'extension-preferences.json'),
    JSON.stringify({
      [FIREFOX_ADDON_ID]: { permissions: ['internal:privateBrowsingAllowed'], origins: [] },
    }),
  );
}

/**
 * Waits until the run before on `profileDir` has been put back. On a profile of its own, the driver
 * backs up prefs.js and user.js as `*.puppeteer` at launch and puts them back once the browser has
 * exited. After a kill, `close()` returns at once (the connection is gone) while that restore is
 * still under way, and a launch in between raced it (copyfile prefs.js: ENOENT, seen in CI).
 */
async function previousRunRestored(profileDir: string, timeoutMs = 15_000): Promise<void> {
  const backups = ['prefs.js.puppeteer', 'user.js.puppeteer'].map((f) => join(profileDir, f));
  const deadline = Date.now() + timeoutMs;
  while (backups.some((b) => existsSync(b))) {
    if (Date.now() > deadline)
      throw new Error(
        `${profileDir}: the previous run's preferences were not restored within ${timeoutMs} ms`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts Debian's Firefox ESR (headless, or headed on `display`) over WebDriver BiDi and installs the built extension. */
export async function launchFirefox(options: {
  extensionDir: string;
  downloadsDir: string;
  executablePath?: string;
  /** More preferences (e.g. a proxy to fixtures served under real host names). */
  prefs?: Record<string, string | number | boolean>;
  /** Accept any TLS certificate (fixtures served with a throwaway self-signed one). */
  acceptInsecureCerts?: boolean;
  /** A profile folder to use (e.g. one seeded by allowInPrivateWindows); a fresh temporary one otherwise. */
  userDataDir?: string;
  /** An X display (see xvfb.ts): Firefox runs headed there, for real X input. */
  display?: string;
}): Promise<FirefoxSession> {
  if (options.userDataDir) await previousRunRestored(options.userDataDir);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: options.executablePath ?? '/usr/bin/firefox-esr',
    headless: !options.display,
    ...(options.display
      ? { defaultViewport: null, env: { ...process.env, DISPLAY: options.display } }
      : {}),
    acceptInsecureCerts: options.acceptInsecureCerts ?? false,
    ...(options.userDataDir ? { userDataDir: options.userDataDir } : {}),
    extraPrefsFirefox: {
      'browser.download.dir': options.downloadsDir,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      ...FIREFOX_PREFS,
      ...options.prefs,
    },
  });
  await browser.installExtension(options.extensionDir);
  const isExtension = (path: string) => (url: string) =>
    url.startsWith('moz-extension://') && new URL(url).pathname === path;
  return {
    browser,
    vaultPage: () => waitForPage(browser, isExtension('/vault.html')),
    openPopup: async (vault) => {
      await vault.evaluate(
        "void browser.windows.create({ url: '/popup.html', type: 'popup', width: 400, height: 600 })",
      );
      return waitForPage(browser, isExtension('/popup.html'));
    },
    close: () => browser.close(),
  };
}

/** Adapts a puppeteer page to the browser-neutral flow. */
export function drivePuppeteer(page: Page): DrivenPage {
  return {
    waitFor: async (selector, timeout = 30_000) => {
      await page.waitForSelector(selector, { timeout });
    },
    // A user clicks and types only in the tab in front. Puppeteer's click first waits for an
    // IntersectionObserver callback, which Firefox delivers to a background tab late or not at
    // all (a vault tab behind the captured page stalled a click for the whole protocol timeout).
    // Unlike Playwright's, puppeteer's click and fill do not wait for the element to exist.
    click: async (selector) => {
      await page.waitForSelector(selector);
      await page.bringToFront();
      await page.click(selector);
    },
    fill: async (selector, text) => {
      await page.waitForSelector(selector);
      await page.bringToFront();
      await page.locator(selector).fill(text);
    },
    attr: (selector, name) => page.$eval(selector, (el, n) => el.getAttribute(n), name),
    text: (selector) => page.$eval(selector, (el) => el.textContent ?? ''),
    evaluate: <T>(fn: string) => page.evaluate(fn) as Promise<T>,
    reload: async () => {
      await page.evaluate(() => location.reload());
      await new Promise((r) => setTimeout(r, 500));
    },
    upload: async (selector, path) => {
      const input = await page.waitForSelector(selector);
      if (!input) throw new Error(`no ${selector}`);
      await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(path);
    },
    select: async (selector, value) => {
      await page.waitForSelector(selector);
      await page.select(selector, value);
    },
  };
}
