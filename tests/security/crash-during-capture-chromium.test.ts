// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, crash during capture (Chromium): see support/crash-cycles.ts for what is checked. The
// browser is SIGKILLed with its whole process group, and restarted on the same profile.
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { drivePlaywright, launchChromium } from '../../scripts/drive/chromium.ts';
import { crashRun, type CrashBrowser } from './support/crash-cycles';
import { killBrowser } from './support/kill-browser';

const ROOT = resolve(import.meta.dirname, '../..');
// About 55 captures and 11 kills: a few minutes, within what CI allows the whole suite.
const CYCLES = Number(process.env.ATTEST_CRASH_CYCLES ?? 11);

let launches = 0;
const chromium: CrashBrowser = {
  name: 'chromium',
  start: async (profile) => {
    const s = await launchChromium({
      extensionDir: join(ROOT, '.output/chrome-mv3'),
      userDataDir: profile,
    });
    const installed = launches++ === 0;
    return {
      // The page the extension opens when it is installed; a new one after a restart.
      vault: async () =>
        drivePlaywright(await (installed ? s.vaultPage() : s.openExtensionPage('/vault.html'))),
      show: async (url) => {
        const origin = new URL(url).origin;
        const tab = s.context.pages().find((p) => p.url().startsWith(origin));
        const target = tab ?? (await s.context.newPage());
        await target.goto(url);
        await target.bringToFront();
      },
      openPopup: async () => {
        const popup = await s.openPopup();
        return { page: drivePlaywright(popup), close: () => popup.close() };
      },
      close: () => s.close(),
    };
  },
  storageDir: (profile) => join(profile, 'Default/IndexedDB'),
  kill: (profile) => killBrowser(profile, 'chromium'),
};

describe('crash during capture: Chromium killed at random moments', () => {
  let crash: Awaited<ReturnType<typeof crashRun>>;
  beforeAll(async () => {
    crash = await crashRun(chromium, CYCLES);
  });
  afterAll(() => crash?.close());

  // About 45 s a cycle on a loaded 2-core machine: more than the project's default limit.
  it(
    'keeps every acknowledged capture, every item verifies, nothing is half-written',
    { timeout: 1_500_000 },
    () => crash.run(),
  );
});
