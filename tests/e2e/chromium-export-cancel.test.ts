// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, it } from 'vitest';
import { drivePlaywright } from '../../scripts/drive/chromium.ts';
import { captureFromPopup, setUpVault } from '../../scripts/drive/flow.ts';
import { assertCancelThenExport, EXPORT_CANCEL_PAGES } from './support/export-cancel.ts';
import { useChromium } from './support/suites.ts';

describe('Chromium: export progress and Cancel on the vault page', () => {
  const suite = useChromium('export-cancel');

  it('shows the stage, cancels with no download and no custody event, then exports a bundle that passes check-bundle', async () => {
    const { session, server } = suite;
    const vault = drivePlaywright(await session.vaultPage());
    await setUpVault(vault, 'E2E Collector');
    const ids: string[] = [];
    for (const file of EXPORT_CANCEL_PAGES) {
      const page = await session.context.newPage();
      await page.goto(server.url(file));
      await page.bringToFront();
      const popup = await session.openPopup();
      ids.push(await captureFromPopup(drivePlaywright(popup)));
      await popup.close();
      await page.close();
    }
    await (await session.vaultPage()).bringToFront();
    await assertCancelThenExport(vault, ids);
  }, 600_000);
});
