// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, item 1 in Chromium: a duress passphrase typed at unlock erases the vault and leaves the
// extension as on a fresh install; the real passphrase then opens nothing.
import { describe, expect, it } from 'vitest';
import { drivePlaywright } from '../../scripts/drive/chromium.ts';
import { PASSPHRASE, captureFromPopup, setUpVault } from '../../scripts/drive/flow.ts';
import {
  DURESS_PASSPHRASE,
  attestRowCounts,
  setDuress,
  submitUnlock,
  unlockReply,
} from '../../scripts/drive/security-flow.ts';
import { useChromium } from './support/suites.ts';

describe('Chromium: duress passphrase', () => {
  const suite = useChromium('duress');

  it('capture, lock, unlock with the duress passphrase: setup screen, nothing left', async () => {
    const { session, server } = suite;
    const vaultPage = await session.vaultPage();
    const vault = drivePlaywright(vaultPage);
    await setUpVault(vault, 'Duress Collector');
    await setDuress(vault, PASSPHRASE);

    const target = await session.context.newPage();
    await target.goto(server.url('threat-post.html'));
    await target.bringToFront();
    const itemId = await captureFromPopup(drivePlaywright(await session.openPopup()));
    expect(itemId).toMatch(/^[0-9a-f]{32}$/);
    const before = await attestRowCounts(vault);
    expect(before.items).toBe(1);

    await vault.click('#lock-button');
    const started = Date.now();
    await submitUnlock(vault, DURESS_PASSPHRASE);
    await vault.waitFor('#setup-passphrase', 60_000);
    const elapsed = Date.now() - started;
    // Fresh-install look: the setup form, no vault header bar, no unlock form.
    expect(await vaultPage.locator('nav.bar').count()).toBe(0);
    expect(await vaultPage.locator('#unlock-passphrase').count()).toBe(0);
    const after = await attestRowCounts(vault);
    console.log(
      `chromium duress: ${JSON.stringify(before)} -> ${JSON.stringify(after)} rows; setup shown ${elapsed} ms after submit`,
    );
    expect(Object.values(after).every((n) => n === 0)).toBe(true);

    // The real passphrase opens nothing, now or after reloading the page.
    await vault.reload();
    await vault.waitFor('#setup-passphrase', 30_000);
    expect(await unlockReply(vault, PASSPHRASE)).toMatchObject({
      ok: false,
      error: { code: 'vault-uninitialized' },
    });
    const left = await vault.evaluate<object>('chrome.storage.session.get(null)');
    expect(Object.keys(left)).toEqual([]);
  });
});
