// SPDX-License-Identifier: AGPL-3.0-or-later
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import {
  drivePuppeteer,
  launchFirefox,
  waitForPage,
  type FirefoxSession,
} from '../../scripts/drive/firefox.ts';
import { setUpVault } from '../../scripts/drive/flow.ts';
import { entryPointCases, type EntryPointHarness } from './support/entry-point-cases.ts';
import { startEntryPointStage, THREAD_URL, type EntryPointStage } from './support/entry-points.ts';
import { ROOT } from './support/suites.ts';

// The right-click menu and the keyboard shortcuts are the browser's own: Firefox ESR runs headed
// on a virtual X screen and gets real X input (xdotool), as from a user.
describe('Firefox ESR: capture from the context menu and the keyboard shortcuts (real X input)', () => {
  let stage: EntryPointStage;
  let session: FirefoxSession;
  let harness: EntryPointHarness;

  beforeAll(async () => {
    stage = await startEntryPointStage('firefox');
    session = await launchFirefox({
      extensionDir: join(ROOT, '.output/firefox-mv2'),
      downloadsDir: stage.work,
      prefs: stage.hosted.firefoxPrefs,
      acceptInsecureCerts: true,
      display: stage.screen.display,
    });
    const vault = await session.vaultPage();
    await setUpVault(drivePuppeteer(vault), 'E2E Collector');
    const page = await session.browser.newPage();
    await page.goto(THREAD_URL);
    harness = {
      screen: stage.screen,
      // Seen in Firefox ESR 153: extensions' entries come last, so Up in a just-opened menu
      // lands on Attest's submenu on a page and on an image alike.
      layout: { toSubmenu: { page: ['Up'], image: ['Up'] } },
      vault: drivePuppeteer(vault),
      page: drivePuppeteer(page),
      bringPageToFront: () => page.bringToFront(),
      openedPage: async (urlEnd) => {
        const opened = await waitForPage(session.browser, (url) => url.endsWith(urlEnd), 60_000);
        return { page: drivePuppeteer(opened), close: () => opened.close() };
      },
    };
  });

  afterAll(async () => {
    await session?.close();
    await stage?.close();
  });

  entryPointCases(() => harness);
});
