// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 6: a defender and an ally, each in their own Chromium profile, through the vault page
// only: invitation → ally captures → encrypted hand-over (local copies deleted) → verified import
// → the defender's case export names both collectors; tampered hand-overs refused with nothing
// imported; the ally's profile holds no marker of what was captured.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drivePlaywright } from '../../scripts/drive/chromium.ts';
import { importHandOver, setUpVault } from '../../scripts/drive/flow.ts';
import { writeClearControlSource } from '../security/support/canary-setup';
import { chromiumExtensionOwned, newMarker, scanTree } from '../security/support/profile-scan';
import {
  acceptAsAlly,
  exportOpenCase,
  handOverAndDelete,
  chromiumDefender,
  importAndExport,
  startDefender,
  useSecondChromiumAndCanary,
  vaultState,
} from './support/allies.ts';
import { captureInto, openCase } from './support/cases.ts';
import { tamperedCopy } from './support/stock-checks.ts';
import { useChromium } from './support/suites.ts';

/** The signed JSON of a cleartext invitation (JSON lines never start with '-': no dash-escaping). */
function invitationJson(armored: string): { defenderKey: string } {
  const body = armored.slice(
    armored.indexOf('\n\n') + 2,
    armored.indexOf('\n-----BEGIN PGP SIGNATURE'),
  );
  return JSON.parse(body) as { defenderKey: string };
}

/** `zip` encrypted with gpg to the defender's public key, as anyone holding that key could. */
function encryptTo(work: string, publicKey: string, fingerprint: string, zip: string): string {
  const home = join(work, 'tamper-gnupg');
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const gpg = (...args: string[]) =>
    execFileSync('gpg', ['--homedir', home, '--batch', ...args], { stdio: 'pipe' });
  writeFileSync(join(work, 'defender.asc'), publicKey);
  gpg('--import', join(work, 'defender.asc'));
  const out = join(work, 'changed-item.zip.gpg');
  gpg('--trust-model', 'always', '--recipient', fingerprint, '--output', out, '--encrypt', zip);
  return out;
}

describe('Chromium, two profiles: a trusted ally collects for a defender and hands over', () => {
  const suite = useChromium('allies-defender');
  const other = useSecondChromiumAndCanary();

  it('invitation → ally capture → hand-over with delete → verified import → export naming both', async () => {
    const { session: defender, server, work } = suite;
    const canary = await other.canary(work);
    const { markers } = canary;

    // Defender: vault, case, one capture of their own, an invitation for the case.
    const defenderStart = await startDefender(
      await chromiumDefender(defender),
      server.url('threat-post.html'),
    );
    const { drive: d, fingerprint: defenderFpr, ownItem, invitation } = defenderStart;

    // Ally, in a second profile: an edited invitation is refused; the real one shows the
    // defender's name and fingerprint in groups of four, then becomes a bound case.
    const allyProfile = join(work, 'ally-profile');
    const ally = await other.launch(allyProfile);
    const aPage = await ally.vaultPage();
    const a = drivePlaywright(aPage);
    const allyFpr = await setUpVault(a, 'Ally A.');
    expect(allyFpr).not.toBe(defenderFpr);
    const allyCase = await acceptAsAlly(a, invitation.armored, defenderFpr);

    // The ally captures the page of markers in the bound case.
    const allyItem = await captureInto(ally, canary.url, allyCase);
    await aPage.bringToFront();
    await aPage.reload();
    await openCase(a, allyCase);
    await aPage.waitForSelector(`#item-list [data-item-id="${allyItem}"]`);

    // For the second tamper: the ally's plain bundle of the case (a test step, not the user's),
    // one item file changed, encrypted to the defender's key. The plain file is deleted at once.
    const plain = await exportOpenCase(a);
    const changedZip = tamperedCopy(plain);
    rmSync(plain);
    const { defenderKey } = invitationJson(invitation.armored);
    const changedSealed = encryptTo(work, defenderKey, defenderFpr, changedZip);

    // Hand-over: deleting the local copies is the default.
    const sealed = await handOverAndDelete(a, allyItem);

    // Defender: a flipped byte and a changed item are refused; nothing is imported.
    await defenderStart.front();
    await d.reload();
    await d.waitFor('#case-view');
    const before = await vaultState(d);
    expect(before.items).toEqual([ownItem]);
    const flipped = join(work, 'flipped.zip.gpg');
    const bytes = readFileSync(sealed);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(flipped, bytes);
    await d.click('#cases-button');
    const refusedFlip = await importHandOver(d, flipped);
    expect(refusedFlip.state).toBe('refused');
    const refusedChange = await importHandOver(d, changedSealed);
    expect(refusedChange).toMatchObject({ state: 'refused' });
    if (refusedChange.state === 'refused') {
      expect(refusedChange.reason).toContain('does not verify');
      expect(refusedChange.reason).toContain('Nothing was imported');
    }
    expect(await d.text('#import-status')).toContain('your vault is unchanged');
    const afterRefusals = await vaultState(d);
    expect(afterRefusals).toEqual(before);

    // The real hand-over: verified, imported with the ally's fingerprint and one item; the
    // defender's export of the case names who vouches for which item.
    await importAndExport(defenderStart, sealed, { fingerprint: allyFpr, item: allyItem });

    // The ally's profile: a clear control marker in its storage proves the scan sees it; the
    // captured markers must not be there in any encoding.
    const control = newMarker();
    await aPage.evaluate(writeClearControlSource(newMarker(), control));
    const allyId = ally.extensionId;
    await other.close();
    const { files, hits } = scanTree(allyProfile, [...markers, control]);
    const ours = hits.filter((h) => chromiumExtensionOwned(h.file, allyId));
    const browsers = hits.filter((h) => !chromiumExtensionOwned(h.file, allyId));
    console.log(
      `allies e2e: ally profile ${files} files scanned; extension storage: ` +
        `${ours.filter((h) => markers.includes(h.marker)).length} evidence-marker hits, ` +
        `${ours.filter((h) => h.marker === control).length} control hits; ` +
        `browser-owned (Chromium visited the page itself): ${[...new Set(browsers.map((h) => h.file))].join(', ')}`,
    );
    expect(ours.filter((h) => markers.includes(h.marker))).toEqual([]);
    expect(ours.filter((h) => h.marker === control)).not.toEqual([]);
  }, 900_000);
});
