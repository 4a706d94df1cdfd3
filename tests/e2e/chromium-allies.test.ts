// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 6: a defender and an ally, each in their own Chromium profile, through the vault page
// only: invitation → ally captures → encrypted hand-over (local copies deleted) → verified import
// → the defender's case export names both collectors; tampered hand-overs refused with nothing
// imported; the ally's profile holds no marker of what was captured.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  drivePlaywright,
  launchChromium,
  type ChromiumSession,
} from '../../scripts/drive/chromium.ts';
import { startFixtureServer, type FixtureServer } from '../../scripts/drive/fixture-server.ts';
import {
  acceptInvitation,
  checkInvitation,
  downloadedFile,
  handOverCase,
  importHandOver,
  inviteAlly,
  setUpVault,
  type DrivenPage,
} from '../../scripts/drive/flow.ts';
import { writeClearControlSource } from '../security/support/canary-setup';
import { writeCanaryPage } from '../security/support/canary-page';
import { chromiumExtensionOwned, newMarker, scanTree } from '../security/support/profile-scan';
import { auditVault } from '../security/support/vault-audit';
import { captureInto, createCase, openCase } from './support/cases.ts';
import { checkWithStockTools, runVerifyCli, tamperedCopy } from './support/stock-checks.ts';
import { ROOT, useChromium } from './support/suites.ts';

const CASE_TITLE = 'Campaign against Defender D.';
const SCOPE = 'Posts attacking Defender D. on social.example since March';
const grouped = (fpr: string) => fpr.replace(/(.{4})(?=.)/g, '$1 ');
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Exports the open case as a plain signed bundle and returns where the browser saved it. */
async function exportOpenCase(page: Page): Promise<string> {
  await page.click('#export-case-button');
  await page.waitForSelector(
    '#export-status[data-state="done"], #export-status[data-state="error"]',
    { timeout: 180_000 },
  );
  expect(await page.textContent('#export-status')).not.toMatch(/wrong|error/i);
  const id = Number(await page.getAttribute('#export-status', 'data-download-id'));
  return downloadedFile(drivePlaywright(page), id);
}

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

/** Items, chunk keys and custody lines of a vault, read through lib/vault in its own page. */
async function vaultState(page: DrivenPage) {
  const audit = await auditVault(page);
  return {
    items: audit.items.map((i) => i.id).sort(),
    chunks: audit.chunkKeys.length,
    custody: audit.custodyLines.length,
    lines: audit.custodyLines,
  };
}

describe('Chromium, two profiles: a trusted ally collects for a defender and hands over', () => {
  const suite = useChromium('allies-defender');
  let ally: ChromiumSession | undefined;
  let canaryServer: FixtureServer | undefined;
  afterAll(async () => {
    await ally?.close().catch(() => undefined);
    await canaryServer?.close();
  });

  it('invitation → ally capture → hand-over with delete → verified import → export naming both', async () => {
    const { session: defender, server, work } = suite;
    const canary = writeCanaryPage(join(work, 'canary'));
    canaryServer = await startFixtureServer(join(work, 'canary'));
    const markers = Object.values(canary.evidence);

    // Defender: vault, case, one capture of their own, an invitation for the case.
    const dPage = await defender.vaultPage();
    const d = drivePlaywright(dPage);
    const defenderFpr = await setUpVault(d, 'Defender D.');
    await dPage.reload();
    await dPage.waitForSelector('#case-view');
    const caseId = await createCase(dPage, CASE_TITLE);
    const ownItem = await captureInto(defender, server.url('threat-post.html'), caseId);
    await dPage.bringToFront();
    await dPage.reload();
    await openCase(dPage, caseId);
    const invitation = await inviteAlly(d, SCOPE);
    expect(invitation.armored).toMatch(/^-----BEGIN PGP SIGNED MESSAGE-----/);
    expect(invitation.sha256).toMatch(/^[0-9a-f]{64}$/);
    await dPage.waitForSelector(`#invite-list li[data-sha256="${invitation.sha256}"]`);
    expect(await dPage.textContent('#invite-list')).toContain(
      grouped(invitation.sha256.slice(0, 16)),
    );
    // Pasted in the defender's own vault, it is refused for what it is.
    await dPage.click('#cases-button');
    expect(await checkInvitation(d, invitation.armored)).toEqual({ refused: 'own' });

    // Ally, in a second profile: an edited invitation is refused; the real one shows the
    // defender's name and fingerprint in groups of four, then becomes a bound case.
    const allyProfile = join(work, 'ally-profile');
    ally = await launchChromium({
      extensionDir: join(ROOT, '.output/chrome-mv3'),
      userDataDir: allyProfile,
    });
    const aPage = await ally.vaultPage();
    const a = drivePlaywright(aPage);
    const allyFpr = await setUpVault(a, 'Ally A.');
    expect(allyFpr).not.toBe(defenderFpr);
    await aPage.reload();
    await aPage.waitForSelector('#case-view');
    await aPage.click('#cases-button');
    const edited = invitation.armored.replace('since March', 'since April');
    expect(edited).not.toBe(invitation.armored);
    expect(await checkInvitation(a, edited)).toEqual({ refused: 'bad-signature' });
    expect(await checkInvitation(a, invitation.armored)).toEqual({
      fingerprint: defenderFpr,
      shown: grouped(defenderFpr),
    });
    expect(await aPage.textContent('#accept-defender')).toBe('Defender D.');
    expect(await aPage.textContent('#accept-confirm-hint')).toMatch(/another channel/);
    const allyCase = await acceptInvitation(a);
    expect(await aPage.textContent('#case-heading')).toBe(CASE_TITLE);

    // The ally captures the page of markers in the bound case.
    const allyItem = await captureInto(ally, canaryServer.url(canary.path), allyCase);
    await aPage.bringToFront();
    await aPage.reload();
    await openCase(aPage, allyCase);
    await aPage.waitForSelector(`#item-list [data-item-id="${allyItem}"]`);

    // For the second tamper: the ally's plain bundle of the case (a test step, not the user's),
    // one item file changed, encrypted to the defender's key. The plain file is deleted at once.
    const plain = await exportOpenCase(aPage);
    const changedZip = tamperedCopy(plain);
    rmSync(plain);
    const { defenderKey } = invitationJson(invitation.armored);
    const changedSealed = encryptTo(work, defenderKey, defenderFpr, changedZip);

    // Hand-over: deleting the local copies is the default.
    expect(await aPage.isChecked('#hand-over-delete')).toBe(true);
    expect(await aPage.textContent('#hand-over-button')).toContain('Defender D.');
    const handed = await handOverCase(a);
    expect(handed.filename).toMatch(/\.zip\.gpg$/);
    expect(handed.deleted).toBe(1);
    const sealed = await downloadedFile(a, handed.downloadId);
    expect(sha256(sealed)).toBe(handed.sha256);
    expect(await aPage.textContent('#hand-over-status')).toContain(handed.sha256);
    expect(readFileSync(sealed).subarray(0, 2).toString('latin1')).not.toBe('PK');
    // The page no longer lists the capture, and the vault read by its own code holds nothing.
    await aPage.waitForSelector('#filter-results[data-count="0"]');
    const allyAfter = await vaultState(a);
    expect(allyAfter.items).toEqual([]);
    expect(allyAfter.chunks).toBe(0);
    const deleted = allyAfter.lines
      .map((l) => JSON.parse(l) as { type: string; details: { items?: string[] } })
      .filter((e) => e.type === 'deleted');
    expect(deleted.map((e) => e.details.items)).toEqual([[allyItem]]);

    // Defender: a flipped byte and a changed item are refused; nothing is imported.
    await dPage.bringToFront();
    await dPage.reload();
    await dPage.waitForSelector('#case-view');
    const before = await vaultState(d);
    expect(before.items).toEqual([ownItem]);
    const flipped = join(work, 'flipped.zip.gpg');
    const bytes = readFileSync(sealed);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(flipped, bytes);
    await dPage.click('#cases-button');
    const refusedFlip = await importHandOver(d, flipped);
    expect(refusedFlip.state).toBe('refused');
    const refusedChange = await importHandOver(d, changedSealed);
    expect(refusedChange).toMatchObject({ state: 'refused' });
    if (refusedChange.state === 'refused') {
      expect(refusedChange.reason).toContain('does not verify');
      expect(refusedChange.reason).toContain('Nothing was imported');
    }
    expect(await dPage.textContent('#import-status')).toContain('your vault is unchanged');
    const afterRefusals = await vaultState(d);
    expect(afterRefusals).toEqual(before);

    // The real hand-over: verified, then imported with the ally's fingerprint and one item.
    const imported = await importHandOver(d, sealed);
    expect(imported).toEqual({ state: 'done', collector: allyFpr, items: 1 });
    expect(await dPage.textContent('#import-collector')).toBe(grouped(allyFpr));
    expect((await vaultState(d)).items).toEqual([ownItem, allyItem].sort());

    // The defender's export of the case names who vouches for which item.
    await dPage.reload();
    await openCase(dPage, caseId);
    await dPage.waitForSelector(`#item-list [data-item-id="${allyItem}"]`);
    const bundle = await exportOpenCase(dPage);
    const verified = runVerifyCli(bundle);
    expect(verified.code, verified.output).toBe(0);
    expect(verified.output).toContain('RESULT: INTACT');
    const collectorLines = verified.output.split('\n').filter((l) => /\(.*\): /.test(l));
    expect(collectorLines.find((l) => l.includes(grouped(defenderFpr)))).toContain(ownItem);
    expect(collectorLines.find((l) => l.includes(grouped(allyFpr)))).toContain(allyItem);
    expect(collectorLines.find((l) => l.includes(grouped(allyFpr)))).toContain('Ally A.');
    const stock = checkWithStockTools(bundle);
    expect(stock.checkBundle).toMatch(/^OK: /);

    // The ally's profile: a clear control marker in its storage proves the scan sees it; the
    // captured markers must not be there in any encoding.
    const control = newMarker();
    await aPage.evaluate(writeClearControlSource(newMarker(), control));
    const allyId = ally.extensionId;
    await ally.close();
    ally = undefined;
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
