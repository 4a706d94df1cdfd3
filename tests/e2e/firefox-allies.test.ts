// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 6 across browsers, as it happens in real life: the ally works in Firefox ESR, the defender
// in Chromium, each in their own profile, through the vault page only. Invitation (Chromium) →
// ally accepts and captures a page of random markers (Firefox) → hand-over with delete → the
// defender imports it (Chromium) → the case export verifies and names the ally for their item.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drivePuppeteer } from '../../scripts/drive/firefox.ts';
import { captureFromPopup, setUpVault } from '../../scripts/drive/flow.ts';
import {
  acceptAsAlly,
  chromiumDefender,
  expectCapturedIn,
  handOverAndDelete,
  importAndExport,
  startDefender,
  useSecondChromiumAndCanary,
  vaultState,
} from './support/allies.ts';
import { useFirefox } from './support/suites.ts';

describe('Firefox ESR ally, Chromium defender: a cross-browser hand-over', () => {
  // The ally's Firefox (its own profile; downloads go to the suite's scratch folder).
  const suite = useFirefox('allies-ally');
  const other = useSecondChromiumAndCanary();

  it('invitation in Chromium → capture and hand-over in Firefox → verified import in Chromium', async () => {
    const { session: ally, server, work } = suite;
    const canary = await other.canary(work);

    // Defender, in Chromium with a profile of its own.
    const defender = await other.launch(join(work, 'defender-profile'));
    const defenderStart = await startDefender(
      await chromiumDefender(defender),
      server.url('threat-post.html'),
    );
    const { fingerprint: defenderFpr, invitation } = defenderStart;

    // Ally, in Firefox: checks the invitation (fingerprint in groups of four) and accepts it.
    const aPage = await ally.vaultPage();
    const a = drivePuppeteer(aPage);
    const allyFpr = await setUpVault(a, 'Ally A.');
    expect(allyFpr).not.toBe(defenderFpr);
    const allyCase = await acceptAsAlly(a, invitation.armored, defenderFpr);

    // The ally captures the page of markers in the bound case, from the popup.
    const tab = await ally.browser.newPage();
    await tab.goto(canary.url);
    await tab.bringToFront();
    const popupPage = await ally.openPopup(aPage);
    await popupPage.waitForSelector('#popup-case');
    const current = await popupPage.$eval('#popup-case', (el) => el.getAttribute('data-current'));
    if (current !== allyCase) {
      await popupPage.select('#popup-case', allyCase);
      await popupPage.waitForSelector(`#popup-case[data-current="${allyCase}"]`);
    }
    const allyItem = await captureFromPopup(drivePuppeteer(popupPage));
    await popupPage.close();
    await tab.close();
    await a.reload();
    await a.click('#cases-button');
    await a.click(`#case-list li[data-case-id="${allyCase}"] a.case-link`);
    await a.waitFor(`#case-view[data-case-id="${allyCase}"]`);
    await a.waitFor(`#item-list [data-item-id="${allyItem}"]`);
    // Control: the vault audit, read in Firefox, does see the capture before the hand-over.
    expect((await vaultState(a)).items).toEqual([allyItem]);

    // Hand-over with the default "delete local copies": the .zip.gpg Firefox saved has the
    // SHA-256 shown, and the ally's vault holds nothing of the case any more.
    const sealed = await handOverAndDelete(a, allyItem);

    // Defender, back in Chromium: imports it and exports the case for a lawyer.
    const d = defenderStart.drive;
    await defenderStart.front();
    await d.reload();
    await d.waitFor('#case-view');
    await d.click('#cases-button');
    const bundle = await importAndExport(defenderStart, sealed, {
      fingerprint: allyFpr,
      item: allyItem,
    });

    // The ally's item in the defender's bundle is the one Firefox captured.
    await expectCapturedIn(bundle, allyItem, canary.url, /firefox/);
  }, 900_000);
});
