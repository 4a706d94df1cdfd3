// SPDX-License-Identifier: AGPL-3.0-or-later
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import {
  drivePuppeteer,
  launchFirefox,
  waitForPage,
  type FirefoxSession,
} from '../../scripts/drive/firefox.ts';
import { setUpVault } from '../../scripts/drive/flow.ts';
import { startXvfb, type XScreen } from '../../scripts/drive/xvfb.ts';
import { entryPointCases, type EntryPointHarness } from './support/entry-point-cases.ts';
import { THREAD_ROUTES, THREAD_URL } from './support/entry-points.ts';
import { hostFixtures, type HostedFixtures } from './support/https-hosts.ts';
import { ROOT } from './support/suites.ts';

// The right-click menu and the keyboard shortcuts are the browser's own: Firefox ESR runs headed
// on a virtual X screen and gets real X input (xdotool), as from a user.
describe('Firefox ESR: capture from the context menu and the keyboard shortcuts (real X input)', () => {
  let screen: XScreen;
  let hosted: HostedFixtures;
  let session: FirefoxSession;
  let work: string;
  let harness: EntryPointHarness;

  beforeAll(async () => {
    screen = await startXvfb();
    work = mkdtempSync(join(tmpdir(), 'attest-e2e-firefox-entry-'));
    hosted = await hostFixtures({ dir: work, hosts: ['x.com'], routes: THREAD_ROUTES });
    session = await launchFirefox({
      extensionDir: join(ROOT, '.output/firefox-mv2'),
      downloadsDir: work,
      prefs: hosted.firefoxPrefs,
      acceptInsecureCerts: true,
      display: screen.display,
    });
    const vault = await session.vaultPage();
    await setUpVault(drivePuppeteer(vault), 'E2E Collector');
    const page = await session.browser.newPage();
    await page.goto(THREAD_URL);
    harness = {
      screen,
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
    await hosted?.close();
    await screen?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  entryPointCases(() => harness);
});
