// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 6 the other way round: the defender works in Firefox ESR, the ally in Chromium, each in
// their own profile, through the vault page only. Invitation (Firefox) → ally accepts and captures
// a page of random markers (Chromium) → hand-over with delete → in Firefox, a hand-over with one
// flipped byte is refused with nothing imported, the real one is imported (chosen in the file
// input) → the case export verifies and names the ally for their item.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drivePlaywright } from '../../scripts/drive/chromium.ts';
import { importHandOver, setUpVault } from '../../scripts/drive/flow.ts';
import {
  acceptAsAlly,
  expectCapturedIn,
  firefoxDefender,
  handOverAndDelete,
  importAndExport,
  startDefender,
  useSecondChromiumAndCanary,
  vaultState,
} from './support/allies.ts';
import { captureInto, openCase } from './support/cases.ts';
import { useFirefox } from './support/suites.ts';

describe('Chromium ally, Firefox ESR defender: a cross-browser hand-over', () => {
  // The defender's Firefox (its own profile; downloads go to the suite's scratch folder).
  const suite = useFirefox('defender');
  const other = useSecondChromiumAndCanary();

  it('invitation in Firefox → capture and hand-over in Chromium → verified import in Firefox', async () => {
    const { session: firefox, server, work } = suite;
    const canary = await other.canary(work);

    // Defender, in Firefox: vault, case, one capture of their own, an invitation for the case.
    const defenderStart = await startDefender(
      await firefoxDefender(firefox),
      server.url('threat-post.html'),
    );
    const { drive: d, fingerprint: defenderFpr, ownItem, invitation } = defenderStart;

    // Ally, in Chromium with a profile of its own: checks and accepts the invitation, captures.
    const ally = await other.launch(join(work, 'ally-profile'));
    const a = drivePlaywright(await ally.vaultPage());
    const allyFpr = await setUpVault(a, 'Ally A.');
    expect(allyFpr).not.toBe(defenderFpr);
    const allyCase = await acceptAsAlly(a, invitation.armored, defenderFpr);
    const allyItem = await captureInto(ally, canary.url, allyCase);
    await a.reload();
    await openCase(a, allyCase);
    await a.waitFor(`#item-list [data-item-id="${allyItem}"]`);
    const sealed = await handOverAndDelete(a, allyItem);

    // Defender, back in Firefox: a copy with one flipped byte is refused, nothing imported.
    await defenderStart.front();
    await d.reload();
    await d.waitFor('#case-view');
    await d.click('#cases-button');
    const before = await vaultState(d);
    expect(before.items).toEqual([ownItem]);
    const flipped = join(work, 'flipped.zip.gpg');
    const bytes = readFileSync(sealed);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(flipped, bytes);
    const refused = await importHandOver(d, flipped);
    expect(refused.state).toBe('refused');
    expect(await d.text('#import-status')).toContain('your vault is unchanged');
    expect(await vaultState(d)).toEqual(before);

    // The real one: imported with the ally's fingerprint; the case export names both collectors.
    const bundle = await importAndExport(defenderStart, sealed, {
      fingerprint: allyFpr,
      item: allyItem,
    });
    await expectCapturedIn(bundle, allyItem, canary.url, /chrom/);
  }, 900_000);
});
