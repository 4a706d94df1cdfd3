// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, private windows in Firefox ESR: the Chromium test's two cases. "Run in Private Windows:
// Allow" is seeded in the profile (allowInPrivateWindows) as about:addons would store it; the
// default profile leaves it off. Each case is the other's control.
import { describe, expect, it } from 'vitest';
import { drivePuppeteer } from '../../scripts/drive/firefox.ts';
import type { DrivenPage } from '../../scripts/drive/flow.ts';
import { captureFromPopup, setUpVault } from '../../scripts/drive/flow.ts';
import { expectPrivateCaptureKept } from './support/private-windows.ts';
import { useFirefox } from './support/suites.ts';

const allowedReply = 'browser.extension.isAllowedIncognitoAccess()';

/** Opens `url` in a new private window from an extension page; resolves once it has loaded. */
async function openPrivateWindow(vault: DrivenPage, url: string): Promise<number> {
  const id = await vault.evaluate<number>(
    `browser.windows.create({ incognito: true, url: ${JSON.stringify(url)} }).then((w) => w.id)`,
  );
  for (let i = 0; i < 120; i++) {
    const status = await vault.evaluate<string | undefined>(
      `browser.tabs.query({ windowId: ${id} }).then(([t]) => t && t.url === ${JSON.stringify(url)} ? t.status : undefined)`,
    );
    if (status === 'complete') return id;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the private window did not load the page');
}

describe('Firefox ESR: allowed in private windows', () => {
  const suite = useFirefox('private-allowed', {}, { allowPrivateWindows: true });

  it('captures in a private window, says what is kept, and the item outlives the window', async () => {
    const { session, server } = suite;
    const vaultPage = await session.vaultPage();
    const vault = drivePuppeteer(vaultPage);
    expect(await vault.evaluate<boolean>(allowedReply)).toBe(true);
    await setUpVault(vault, 'Private Collector');

    const url = server.url('threat-post.html');
    const windowId = await openPrivateWindow(vault, url);
    const popupPage = await session.openPopup(vaultPage);
    const popup = drivePuppeteer(popupPage);
    await popup.waitFor('#private-window-here', 30_000);
    const here = await popup.text('#private-window-here');
    expect(await popupPage.$('#private-windows-help')).toBeNull();
    const itemId = await captureFromPopup(popup);

    await vault.evaluate(`browser.windows.remove(${windowId})`);
    await vaultPage.bringToFront();
    await expectPrivateCaptureKept({
      browser: 'firefox',
      vault,
      itemId,
      url,
      popupText: here,
      howTo: 'about:addons',
    });
  });
});

describe('Firefox ESR: not allowed in private windows', () => {
  const suite = useFirefox('private-not-allowed');

  it('tells the user, in the popup and the settings, that private windows cannot be captured and how to allow it', async () => {
    const { session } = suite;
    const vaultPage = await session.vaultPage();
    const vault = drivePuppeteer(vaultPage);
    expect(await vault.evaluate<boolean>(allowedReply)).toBe(false);
    await setUpVault(vault, 'Normal Collector');

    const popupPage = await session.openPopup(vaultPage);
    const popup = drivePuppeteer(popupPage);
    await popup.waitFor('#private-windows-help', 30_000);
    expect(await popupPage.$('#private-window-here')).toBeNull();
    const help = await popup.text('#private-windows-help');

    await vaultPage.bringToFront();
    await vault.waitFor('#settings-button', 30_000);
    await vault.click('#settings-button');
    await vault.waitFor('#private-windows[data-allowed="false"]', 30_000);
    const settings = await vault.text('#private-windows');
    console.log(`firefox not allowed: popup "${help}"; settings "${settings}"`);
    for (const text of [help, settings]) {
      expect(text).toContain('about:addons');
      expect(text).toContain('Run in Private Windows');
    }
  });
});
