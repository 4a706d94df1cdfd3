// SPDX-License-Identifier: AGPL-3.0-or-later
// The steps of the two-profile ally flow (issue 6) that the Chromium and the cross-browser tests
// share: the defender is driven in Chromium in both; the ally's steps take a browser-neutral page.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { drivePlaywright, type ChromiumSession } from '../../../scripts/drive/chromium.ts';
import {
  acceptInvitation,
  checkInvitation,
  downloadedFile,
  handOverCase,
  importHandOver,
  inviteAlly,
  setUpVault,
  type DrivenPage,
} from '../../../scripts/drive/flow.ts';
import { auditVault } from '../../security/support/vault-audit';
import { captureInto, createCase, openCase } from './cases.ts';
import { checkWithStockTools, runVerifyCli } from './stock-checks.ts';

export const CASE_TITLE = 'Campaign against Defender D.';
export const SCOPE = 'Posts attacking Defender D. on social.example since March';
export const grouped = (fpr: string) => fpr.replace(/(.{4})(?=.)/g, '$1 ');
export const sha256 = (path: string) =>
  createHash('sha256').update(readFileSync(path)).digest('hex');

/** Exports the open case as a plain signed bundle and returns where the browser saved it. */
export async function exportOpenCase(page: Page): Promise<string> {
  await page.click('#export-case-button');
  await page.waitForSelector(
    '#export-status[data-state="done"], #export-status[data-state="error"]',
    { timeout: 180_000 },
  );
  expect(await page.textContent('#export-status')).not.toMatch(/wrong|error/i);
  const id = Number(await page.getAttribute('#export-status', 'data-download-id'));
  return downloadedFile(drivePlaywright(page), id);
}

/** Items, chunk keys and custody lines of a vault, read through lib/vault in its own page. */
export async function vaultState(page: DrivenPage) {
  const audit = await auditVault(page);
  return {
    items: audit.items.map((i) => i.id).sort(),
    chunks: audit.chunkKeys.length,
    custody: audit.custodyLines.length,
    lines: audit.custodyLines,
  };
}

export interface DefenderStart {
  page: Page;
  drive: DrivenPage;
  fingerprint: string;
  caseId: string;
  ownItem: string;
  invitation: { armored: string; sha256: string };
}

/**
 * Defender, in Chromium: vault, case, one capture of their own, an invitation for the case
 * (listed by its short hash, refused when pasted in the defender's own vault). Ends on the
 * cases page.
 */
export async function startDefender(
  defender: ChromiumSession,
  ownPageUrl: string,
): Promise<DefenderStart> {
  const page = await defender.vaultPage();
  const drive = drivePlaywright(page);
  const fingerprint = await setUpVault(drive, 'Defender D.');
  await page.reload();
  await page.waitForSelector('#case-view');
  const caseId = await createCase(page, CASE_TITLE);
  const ownItem = await captureInto(defender, ownPageUrl, caseId);
  await page.bringToFront();
  await page.reload();
  await openCase(page, caseId);
  const invitation = await inviteAlly(drive, SCOPE);
  expect(invitation.armored).toMatch(/^-----BEGIN PGP SIGNED MESSAGE-----/);
  expect(invitation.sha256).toMatch(/^[0-9a-f]{64}$/);
  await page.waitForSelector(`#invite-list li[data-sha256="${invitation.sha256}"]`);
  expect(await page.textContent('#invite-list')).toContain(grouped(invitation.sha256.slice(0, 16)));
  await page.click('#cases-button');
  expect(await checkInvitation(drive, invitation.armored)).toEqual({ refused: 'own' });
  return { page, drive, fingerprint, caseId, ownItem, invitation };
}

/**
 * Ally, on the vault page just set up: an edited invitation is refused; the real one shows the
 * defender's name and fingerprint in groups of four, then becomes a bound case (returned).
 */
export async function acceptAsAlly(
  ally: DrivenPage,
  armored: string,
  defenderFpr: string,
): Promise<string> {
  await ally.reload();
  await ally.waitFor('#case-view');
  await ally.click('#cases-button');
  const edited = armored.replace('since March', 'since April');
  expect(edited).not.toBe(armored);
  expect(await checkInvitation(ally, edited)).toEqual({ refused: 'bad-signature' });
  expect(await checkInvitation(ally, armored)).toEqual({
    fingerprint: defenderFpr,
    shown: grouped(defenderFpr),
  });
  expect(await ally.text('#accept-defender')).toBe('Defender D.');
  expect(await ally.text('#accept-confirm-hint')).toMatch(/another channel/);
  const allyCase = await acceptInvitation(ally);
  expect(await ally.text('#case-heading')).toBe(CASE_TITLE);
  return allyCase;
}

/**
 * Ally, in the open bound case holding `allyItem`: hands it over with the default "delete local
 * copies"; checks the downloaded file against the SHA-256 shown and that the vault, read by its
 * own code, holds nothing of it any more. Returns the downloaded .zip.gpg.
 */
export async function handOverAndDelete(ally: DrivenPage, allyItem: string): Promise<string> {
  expect(await ally.evaluate<boolean>("document.querySelector('#hand-over-delete').checked")).toBe(
    true,
  );
  expect(await ally.text('#hand-over-button')).toContain('Defender D.');
  const handed = await handOverCase(ally);
  expect(handed.filename).toMatch(/\.zip\.gpg$/);
  expect(handed.deleted).toBe(1);
  const sealed = await downloadedFile(ally, handed.downloadId);
  expect(sha256(sealed)).toBe(handed.sha256);
  expect(await ally.text('#hand-over-status')).toContain(handed.sha256);
  expect(readFileSync(sealed).subarray(0, 2).toString('latin1')).not.toBe('PK');
  // The page no longer lists the capture, and the vault read by its own code holds nothing.
  await ally.waitFor('#filter-results[data-count="0"]');
  const after = await vaultState(ally);
  expect(after.items).toEqual([]);
  expect(after.chunks).toBe(0);
  const deleted = after.lines
    .map((l) => JSON.parse(l) as { type: string; details: { items?: string[] } })
    .filter((e) => e.type === 'deleted');
  expect(deleted.map((e) => e.details.items)).toEqual([[allyItem]]);
  return sealed;
}

/**
 * Defender, on the cases page: imports the real hand-over (verified, the ally's fingerprint, one
 * item), then exports the case; the bundle passes our verifier and check-bundle, and the verifier
 * names who vouches for which item. Returns the exported bundle.
 */
export async function importAndExport(
  defender: DefenderStart,
  sealed: string,
  ally: { fingerprint: string; item: string },
): Promise<string> {
  const { page, drive, caseId, ownItem } = defender;
  const imported = await importHandOver(drive, sealed);
  expect(imported).toEqual({ state: 'done', collector: ally.fingerprint, items: 1 });
  expect(await page.textContent('#import-collector')).toBe(grouped(ally.fingerprint));
  expect((await vaultState(drive)).items).toEqual([ownItem, ally.item].sort());

  await page.reload();
  await openCase(page, caseId);
  await page.waitForSelector(`#item-list [data-item-id="${ally.item}"]`);
  const bundle = await exportOpenCase(page);
  const verified = runVerifyCli(bundle);
  expect(verified.code, verified.output).toBe(0);
  expect(verified.output).toContain('RESULT: INTACT');
  const collectorLines = verified.output.split('\n').filter((l) => /\(.*\): /.test(l));
  expect(collectorLines.find((l) => l.includes(grouped(defender.fingerprint)))).toContain(ownItem);
  expect(collectorLines.find((l) => l.includes(grouped(ally.fingerprint)))).toContain(ally.item);
  expect(collectorLines.find((l) => l.includes(grouped(ally.fingerprint)))).toContain('Ally A.');
  const stock = checkWithStockTools(bundle);
  expect(stock.checkBundle).toMatch(/^OK: /);
  return bundle;
}
