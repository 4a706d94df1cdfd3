// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, hostile pages in Chromium: overridden built-ins, a clobbered DOM, a flood of look-alike
// protocol messages and a 10^6-node DOM, each captured from the popup (tests/security/support/
// hostile-pages.ts says what must hold).
import { describe, it } from 'vitest';
import { drivePlaywright } from '../../scripts/drive/chromium.ts';
import { setUpVault } from '../../scripts/drive/flow.ts';
import { ROOT, useChromium } from '../e2e/support/suites.ts';
import { runHostilePages } from './support/hostile-pages';

describe('hostile pages: Chromium', () => {
  const suite = useChromium('hostile');

  it('captures each page or says why within its limit, with 0 privileged actions', async () => {
    const { session, server } = suite;
    const vault = drivePlaywright(await session.vaultPage());
    await setUpVault(vault, 'Hostile Collector');
    await runHostilePages({
      root: ROOT,
      pageUrl: (file) => server.url(file),
      browser: {
        name: 'chromium',
        extensionRef: session.extensionId,
        vault,
        openPage: async (url) => {
          const page = await session.context.newPage();
          await page.goto(url);
          await page.bringToFront();
          // Read from Playwright's utility world: the page's own built-ins may be broken.
          return { attr: (name) => page.getAttribute('html', name) };
        },
        openPopup: async () => {
          const popup = await session.openPopup();
          return { page: drivePlaywright(popup), close: () => popup.close() };
        },
      },
    });
  });
});
