// SPDX-License-Identifier: AGPL-3.0-or-later
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import {
  drivePlaywright,
  launchChromium,
  type ChromiumSession,
} from '../../scripts/drive/chromium.ts';
import { setUpVault } from '../../scripts/drive/flow.ts';
import { entryPointCases, type EntryPointHarness } from './support/entry-point-cases.ts';
import { startEntryPointStage, THREAD_URL, type EntryPointStage } from './support/entry-points.ts';
import { ROOT } from './support/suites.ts';

// The right-click menu and the keyboard shortcuts are the browser's own: Chromium runs headed on
// a virtual X screen and gets real X input (xdotool), as from a user.
describe('Chromium: capture from the context menu and the keyboard shortcuts (real X input)', () => {
  let stage: EntryPointStage;
  let session: ChromiumSession;
  let harness: EntryPointHarness;

  beforeAll(async () => {
    stage = await startEntryPointStage('chromium');
    session = await launchChromium({
      extensionDir: join(ROOT, '.output/chrome-mv3'),
      userDataDir: join(stage.work, 'profile'),
      extraArgs: [stage.hosted.resolverRule, '--ignore-certificate-errors'],
      display: stage.screen.display,
    });
    const vault = await session.vaultPage();
    await setUpVault(drivePlaywright(vault), 'E2E Collector');
    const page = await session.context.newPage();
    await page.goto(THREAD_URL);
    harness = {
      screen: stage.screen,
      // Seen in Chromium 156: Attest's submenu is followed by "View page source" and "Inspect"
      // on a page, by "Inspect" alone on an image; Up in a just-opened menu starts at the bottom.
      layout: { toSubmenu: { page: ['Up', 'Up', 'Up'], image: ['Up', 'Up'] } },
      vault: drivePlaywright(vault),
      page: drivePlaywright(page),
      bringPageToFront: () => page.bringToFront(),
      openedPage: async (urlEnd) => {
        const match = (p: { url(): string }) => p.url().endsWith(urlEnd);
        const opened =
          session.context.pages().find(match) ??
          (await session.context.waitForEvent('page', { predicate: match, timeout: 60_000 }));
        return { page: drivePlaywright(opened), close: () => opened.close() };
      },
    };
  });

  afterAll(async () => {
    await session?.close();
    await stage?.close();
  });

  entryPointCases(() => harness);
});
