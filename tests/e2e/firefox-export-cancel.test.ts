// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, it } from 'vitest';
import { drivePuppeteer } from '../../scripts/drive/firefox.ts';
import { captureFromPopup, setUpVault } from '../../scripts/drive/flow.ts';
import { assertCancelThenExport, EXPORT_CANCEL_PAGES } from './support/export-cancel.ts';
import { useFirefox } from './support/suites.ts';

describe('Firefox ESR: export progress and Cancel on the vault page', () => {
  const suite = useFirefox('export-cancel');

  it('shows the stage, cancels with no download and no custody event, then exports a bundle that passes check-bundle', async () => {
    const { session, server } = suite;
    const vaultPage = await session.vaultPage();
    const vault = drivePuppeteer(vaultPage);
    await setUpVault(vault, 'E2E Collector');
    const ids: string[] = [];
    for (const file of EXPORT_CANCEL_PAGES) {
      const page = await session.browser.newPage();
      await page.goto(server.url(file));
      await page.bringToFront();
      const popup = drivePuppeteer(await session.openPopup(vaultPage));
      ids.push(await captureFromPopup(popup));
      await popup.evaluate('window.close()').catch(() => undefined);
      await page.close();
    }
    await vaultPage.bringToFront();
    await assertCancelThenExport(vault, ids);
  }, 600_000);
});
