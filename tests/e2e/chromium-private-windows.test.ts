// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, private windows in Chromium. Allowed in Incognito (switched on as a user would, on
// chrome://extensions): the popup over an incognito window says its captures are kept; the capture
// lands in the vault with the private-window note, outlives the window and exports a bundle the
// stock tools accept. Not allowed (the default): the popup and the settings say pages in private
// windows cannot be captured and how to allow it. Each case is the other's control.
import { describe, expect, it } from 'vitest';
import { allowInIncognito, drivePlaywright } from '../../scripts/drive/chromium.ts';
import { captureFromPopup, setUpVault } from '../../scripts/drive/flow.ts';
import { expectPrivateCaptureKept } from './support/private-windows.ts';
import { useChromium } from './support/suites.ts';

const allowedReply = 'chrome.extension.isAllowedIncognitoAccess()';

describe('Chromium: allowed in private windows', () => {
  const suite = useChromium('private-allowed');

  it('captures in an incognito window, says what is kept, and the item outlives the window', async () => {
    const { session, server } = suite;
    await allowInIncognito(session);
    const vaultPage = await session.openExtensionPage('/vault.html');
    const vault = drivePlaywright(vaultPage);
    expect(await vault.evaluate<boolean>(allowedReply)).toBe(true);
    await setUpVault(vault, 'Private Collector');

    const url = server.url('threat-post.html');
    const windowId = await vault.evaluate<number>(
      `chrome.windows.create({ incognito: true, url: ${JSON.stringify(url)}, focused: true }).then((w) => w.id)`,
    );
    const page =
      session.context.pages().find((p) => p.url() === url) ??
      (await session.context.waitForEvent('page', { predicate: (p) => p.url() === url }));
    await page.waitForLoadState('load');
    const popupPage = await session.openPopup();
    const popup = drivePlaywright(popupPage);
    await popup.waitFor('#private-window-here', 30_000);
    const here = await popup.text('#private-window-here');
    expect(await popupPage.locator('#private-windows-help').count()).toBe(0);
    const itemId = await captureFromPopup(popup);

    // Closing the private window does not take the evidence with it.
    await vault.evaluate(`chrome.windows.remove(${windowId})`);
    await expectPrivateCaptureKept({
      browser: 'chromium',
      vault,
      itemId,
      url,
      popupText: here,
      howTo: 'chrome://extensions',
    });
  });
});

describe('Chromium: not allowed in private windows', () => {
  const suite = useChromium('private-not-allowed');

  it('tells the user, in the popup and the settings, that private windows cannot be captured and how to allow it', async () => {
    const { session, server } = suite;
    const vault = drivePlaywright(await session.vaultPage());
    expect(await vault.evaluate<boolean>(allowedReply)).toBe(false);
    await setUpVault(vault, 'Normal Collector');

    const page = await session.context.newPage();
    await page.goto(server.url('threat-post.html'));
    await page.bringToFront();
    const popupPage = await session.openPopup();
    const popup = drivePlaywright(popupPage);
    await popup.waitFor('#private-windows-help', 30_000);
    expect(await popupPage.locator('#private-window-here').count()).toBe(0);
    await popupPage.click('#private-windows-help summary');
    const help = await popup.text('#private-windows-help');
    // Capture from a normal window still works.
    const itemId = await captureFromPopup(popup);

    await vault.click('#settings-button');
    await vault.waitFor('#private-windows[data-allowed="false"]', 30_000);
    const settings = await vault.text('#private-windows');
    console.log(`chromium not allowed: popup "${help}"; settings "${settings}"; item ${itemId}`);
    for (const text of [help, settings]) {
      expect(text).toContain('chrome://extensions');
      expect(text).toContain('Allow in Incognito');
    }
  });
});
