// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, crash during capture (Firefox ESR): see support/crash-cycles.ts for what is checked.
// Firefox keeps the extension's IndexedDB in SQLite files with a write-ahead log; the browser is
// SIGKILLed with its whole process group (content processes too) and restarted on the same
// profile, where the add-on keeps its internal UUID and so its storage.
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { drivePuppeteer, launchFirefox } from '../../scripts/drive/firefox.ts';
import { crashRun, type CrashBrowser } from './support/crash-cycles';
import { killBrowser } from './support/kill-browser';

const ROOT = resolve(import.meta.dirname, '../..');
// Fewer cycles than in Chromium (a Firefox restart takes longer); the same checks after each.
const CYCLES = Number(process.env.ATTEST_CRASH_CYCLES ?? 6);

const firefox: CrashBrowser = {
  name: 'firefox',
  start: async (profile, work) => {
    const s = await launchFirefox({
      extensionDir: join(ROOT, '.output/firefox-mv2'),
      downloadsDir: join(work, 'downloads'),
      userDataDir: profile,
      prefs: {
        // After a crash Firefox would otherwise offer to restore the session, and after a few it
        // starts in troubleshoot mode (add-ons off).
        'browser.sessionstore.resume_from_crash': false,
        'toolkit.startup.max_resumed_crashes': -1,
      },
    });
    let vault: Page | undefined;
    const vaultPage = async () => (vault ??= await s.vaultPage());
    return {
      // The extension opens its vault page every time Firefox installs it, restarts included.
      vault: async () => drivePuppeteer(await vaultPage()),
      show: async (url) => {
        const origin = new URL(url).origin;
        const pages = await s.browser.pages();
        const tab = pages.find((p) => p.url().startsWith(origin)) ?? (await s.browser.newPage());
        await tab.goto(url);
        await tab.bringToFront();
      },
      openPopup: async () => {
        const popup = await s.openPopup(await vaultPage());
        return { page: drivePuppeteer(popup), close: () => popup.close() };
      },
      close: () => s.close(),
    };
  },
  storageDir: (profile) => join(profile, 'storage/default'),
  kill: (profile) => killBrowser(profile, 'firefox'),
};

describe('crash during capture: Firefox ESR killed at random moments', () => {
  let crash: Awaited<ReturnType<typeof crashRun>>;
  beforeAll(async () => {
    crash = await crashRun(firefox, CYCLES);
  });
  afterAll(() => crash?.close());

  it(
    'keeps every acknowledged capture, every item verifies, nothing is half-written',
    { timeout: 1_500_000 },
    () => crash.run(),
  );
});
