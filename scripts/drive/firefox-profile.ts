// SPDX-License-Identifier: AGPL-3.0-or-later
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_PREFS } from './firefox.ts';

export interface FirefoxProfileSession {
  browser: Browser;
  /** The extension's internal UUID (the host of its moz-extension:// pages), which names its storage folders. */
  uuid: string;
  vaultPage: Page;
  openPopup(): Promise<Page>;
  close(): Promise<void>;
}

async function findPage(browser: Browser, path: string, timeoutMs = 30_000): Promise<Page> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const page of await browser.pages()) {
      const url = await page.evaluate(() => location.href).catch(() => page.url());
      if (url.startsWith('moz-extension://') && new URL(url).pathname === path) return page;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${path} did not appear`);
}

/**
 * Firefox ESR with the built extension, in a profile folder the caller owns and can read after
 * `close()` (the canary scans search it). Unlike launchFirefox, no downloads are configured.
 */
export async function launchFirefoxWithProfile(options: {
  extensionDir: string;
  userDataDir: string;
  executablePath?: string;
}): Promise<FirefoxProfileSession> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: options.executablePath ?? '/usr/bin/firefox-esr',
    headless: true,
    userDataDir: options.userDataDir,
    extraPrefsFirefox: FIREFOX_PREFS,
  });
  await browser.installExtension(options.extensionDir);
  const vaultPage = await findPage(browser, '/vault.html');
  const uuid = new URL(await vaultPage.evaluate(() => location.href)).host;
  return {
    browser,
    uuid,
    vaultPage,
    openPopup: async () => {
      await vaultPage.evaluate(
        "void browser.windows.create({ url: '/popup.html', type: 'popup', width: 400, height: 600 })",
      );
      return findPage(browser, '/popup.html');
    },
    close: () => browser.close(),
  };
}
