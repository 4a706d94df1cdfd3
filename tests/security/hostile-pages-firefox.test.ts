// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, hostile pages in Firefox ESR: the Chromium test's pages and verdicts, driven over
// WebDriver BiDi (tests/security/support/hostile-pages.ts says what must hold).
import { describe, it } from 'vitest';
import { drivePuppeteer } from '../../scripts/drive/firefox.ts';
import { setUpVault } from '../../scripts/drive/flow.ts';
import { ROOT, useFirefox } from '../e2e/support/suites.ts';
import { runHostilePages } from './support/hostile-pages';

interface IsolatedRealm {
  evaluate(fn: (name: string) => string | null, name: string): Promise<string | null>;
}

describe('hostile pages: Firefox', () => {
  const suite = useFirefox('hostile');

  it('captures each page or says why within its limit, with 0 privileged actions', async () => {
    const { session, server } = suite;
    const vaultPage = await session.vaultPage();
    const vault = drivePuppeteer(vaultPage);
    await setUpVault(vault, 'Hostile Collector');
    const origin = new URL(await vault.evaluate<string>('location.href')).origin;
    await runHostilePages({
      root: ROOT,
      pageUrl: (file) => server.url(file),
      browser: {
        name: 'firefox',
        extensionRef: origin,
        vault,
        openPage: async (url) => {
          const page = await session.browser.newPage();
          await page.goto(url);
          await page.bringToFront();
          // Read from puppeteer's sandbox (a BiDi sandbox realm): the page's own built-ins are
          // broken on purpose. Not in puppeteer's typings; Frame.title() reads through it too.
          const frame = page.mainFrame() as unknown as { isolatedRealm(): IsolatedRealm };
          return {
            attr: (name) =>
              frame
                .isolatedRealm()
                .evaluate((n: string) => document.documentElement.getAttribute(n), name),
          };
        },
        openPopup: async () => {
          const popup = await session.openPopup(vaultPage);
          return { page: drivePuppeteer(popup), close: () => popup.close() };
        },
      },
    });
  });
});
