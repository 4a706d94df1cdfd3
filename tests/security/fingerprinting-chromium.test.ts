// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, fingerprinting: a page probes for Attest (its files, DOM and global changes) in
// Chromium without and with the extension installed, idle, and again after a capture of that very
// page (the injected capture script must leave no trace): 0 differences.
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, drivePlaywright, launchChromium } from '../../scripts/drive/chromium.ts';
import { captureFromPopup, setUpVault } from '../../scripts/drive/flow.ts';
import { probeExpression } from './support/fingerprint-probe';
import { describeFingerprinting, type ProbeTab } from './support/fingerprint-run';

describeFingerprinting({
  name: 'chromium',
  build: '.output/chrome-mv3',
  async launch(userDataDir, extensionDir) {
    if (!extensionDir) {
      // The same extension ids, but nothing installed.
      const bare = await chromium.launchPersistentContext(userDataDir, {
        executablePath: '/usr/bin/chromium',
        headless: true,
        viewport: { width: 1280, height: 800 },
        args: CHROMIUM_FLAGS,
      });
      return {
        open: async (url) => tab(await bare.newPage(), url, async () => {}),
        setUpVault: () => Promise.reject(new Error('nothing installed')),
        close: () => bare.close(),
      };
    }
    const session = await launchChromium({ extensionDir, userDataDir });
    return {
      origin: session.origin,
      open: async (url) =>
        tab(await session.context.newPage(), url, async () =>
          captureFromPopup(drivePlaywright(await session.openPopup())),
        ),
      setUpVault: async (collector) =>
        setUpVault(drivePlaywright(await session.vaultPage()), collector),
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
    probe: (origin) => page.evaluate(probeExpression(origin)),
    capture: async () => {
      await page.bringToFront();
      await popupCapture();
    },
  };
}
