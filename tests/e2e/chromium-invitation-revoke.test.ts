// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { drivePlaywright } from '../../scripts/drive/chromium.ts';
import { setUpVault } from '../../scripts/drive/flow.ts';
import { useChromium } from './support/suites.ts';

describe('Chromium: the defender revokes an issued invitation from its case', () => {
  const suite = useChromium('invitation-revoke');

  it('the row shows the revocation, read back from the vault after a reload', async () => {
    const vault = await suite.session.vaultPage();
    await setUpVault(drivePlaywright(vault), 'E2E Defender');
    await vault.reload();
    await vault.waitForSelector('#case-view');
    await vault.click('#invite-open');
    await vault.fill('#invite-scope', 'posts attacking me');
    await vault.click('#invite-create');
    await vault.waitForSelector('#invite-status[data-state="done"]', { timeout: 60_000 });
    const row = vault.locator('#invite-list li').first();
    await row.waitFor();
    const sha256 = (await row.getAttribute('data-sha256')) ?? '';
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    await row.locator('button.invite-revoke').click();
    await row.locator('.invite-revoked').waitFor();
    expect(await row.locator('button.invite-revoke').count()).toBe(0);
    // Read back from the vault after a reload.
    await vault.reload();
    await vault.waitForSelector(`#invite-list li[data-sha256="${sha256}"] .invite-revoked`);
  });
});
