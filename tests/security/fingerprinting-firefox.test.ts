// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, fingerprinting (Firefox ESR): the Chromium test's probes and comparison, run in Firefox
// over WebDriver BiDi. The page probes moz-extension://<uuid> (the uuid is random per install, so a
// real page would have to guess it; the test hands it the right one), without and with Attest
// installed, idle and after a capture of that very page: 0 differences.
import puppeteer, { type Page } from 'puppeteer-core';
import { drivePuppeteer, FIREFOX_PREFS } from '../../scripts/drive/firefox.ts';
import { launchFirefoxWithProfile } from '../../scripts/drive/firefox-profile.ts';
import { captureFromPopup, setUpVault } from '../../scripts/drive/flow.ts';
import { probeExpression, type ProbeResult } from './support/fingerprint-probe';
import { describeFingerprinting, type ProbeTab } from './support/fingerprint-run';

describeFingerprinting({
  name: 'firefox',
  build: '.output/firefox-mv2',
  async launch(userDataDir, extensionDir) {
    if (!extensionDir) {
      // Nothing installed: what a page sees at those origins on a clean Firefox.
      const bare = await puppeteer.launch({
        browser: 'firefox',
        executablePath: '/usr/bin/firefox-esr',
        headless: true,
        userDataDir,
        extraPrefsFirefox: FIREFOX_PREFS,
      });
      return {
        open: async (url) => tab(await bare.newPage(), url, async () => {}),
        setUpVault: () => Promise.reject(new Error('nothing installed')),
        close: () => bare.close(),
      };
    }
    const session = await launchFirefoxWithProfile({ extensionDir, userDataDir });
    return {
      origin: `moz-extension://${session.uuid}`,
      open: async (url) =>
        tab(await session.browser.newPage(), url, async () =>
          captureFromPopup(drivePuppeteer(await session.openPopup())),
        ),
      setUpVault: async (collector) => {
        // The driver fills fields only in the tab in front.
        await session.vaultPage.bringToFront();
        await setUpVault(drivePuppeteer(session.vaultPage), collector);
      },
      close: () => session.close(),
    };
  },
});

async function tab(
  page: Page,
  url: string,
  popupCapture: () => Promise<unknown>,
): Promise<ProbeTab> {
  await page.goto(url);
  return {
    probe: (origin) => page.evaluate(probeExpression(origin)) as Promise<ProbeResult>,
    capture: async () => {
      await page.bringToFront();
      await popupCapture();
    },
  };
}
