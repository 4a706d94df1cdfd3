// SPDX-License-Identifier: AGPL-3.0-or-later
// The steps of the two-profile ally flow (issue 6) that the Chromium and the cross-browser tests
// share, each on a browser-neutral page: the defender and the ally may each be in either browser.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import {
  drivePlaywright,
  launchChromium,
  type ChromiumSession,
} from '../../../scripts/drive/chromium.ts';
import { startFixtureServer, type FixtureServer } from '../../../scripts/drive/fixture-server.ts';
import { drivePuppeteer, type FirefoxSession } from '../../../scripts/drive/firefox.ts';
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
import { writeCanaryPage } from '../../security/support/canary-page';
import { auditVault } from '../../security/support/vault-audit';
import { openBundle } from './bundle-contents.ts';
import { captureInCase, captureInto, createCase, openCase } from './cases.ts';
import { checkWithStockTools, runVerifyCli } from './stock-checks.ts';
import { ROOT } from './suites.ts';

export const CASE_TITLE = 'Campaign against Defender D.';
export const SCOPE = 'Posts attacking Defender D. on social.example since March';
export const grouped = (fpr: string) => fpr.replace(/(.{4})(?=.)/g, '$1 ');
export const sha256 = (path: string) =>
  createHash('sha256').update(readFileSync(path)).digest('hex');

/** Exports the open case as a plain signed bundle and returns where the browser saved it. */
export async function exportOpenCase(page: DrivenPage): Promise<string> {
  await page.click('#export-case-button');
  await page.waitFor(
    '#export-status[data-state="done"], #export-status[data-state="error"]',
    180_000,
  );
  expect(await page.text('#export-status')).not.toMatch(/wrong|error/i);
  const id = Number(await page.attr('#export-status', 'data-download-id'));
  return downloadedFile(page, id);
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

/** The defender's browser: its vault page, and a capture into a case from its popup. */
export interface Defender {
  drive: DrivenPage;
  /** Brings the vault page to the front. */
  front(): Promise<void>;
  /** Shows `url` in a new tab and captures it into `caseId` from the popup; the item id. */
  capture(url: string, caseId: string): Promise<string>;
}

export async function chromiumDefender(session: ChromiumSession): Promise<Defender> {
  const page = await session.vaultPage();
  return {
    drive: drivePlaywright(page),
    front: () => page.bringToFront(),
    capture: (url, caseId) => captureInto(session, url, caseId),
  };
}

export async function firefoxDefender(session: FirefoxSession): Promise<Defender> {
  const page = await session.vaultPage();
  return {
    drive: drivePuppeteer(page),
    front: () => page.bringToFront(),
    capture: async (url, caseId) => {
      const tab = await session.browser.newPage();
      await tab.goto(url);
      await tab.bringToFront();
      const popup = await session.openPopup(page);
      const id = await captureInCase(drivePuppeteer(popup), caseId);
      await popup.close();
      await tab.close();
      return id;
    },
  };
}

export interface DefenderStart extends Defender {
  fingerprint: string;
  caseId: string;
  ownItem: string;
  invitation: { armored: string; sha256: string };
}

/**
 * Defender: vault, case, one capture of their own, an invitation for the case (listed by its
 * short hash, refused when pasted in the defender's own vault). Ends on the cases page.
 */
export async function startDefender(
  defender: Defender,
  ownPageUrl: string,
): Promise<DefenderStart> {
  const { drive } = defender;
  const fingerprint = await setUpVault(drive, 'Defender D.');
  await drive.reload();
  await drive.waitFor('#case-view');
  const caseId = await createCase(drive, CASE_TITLE);
  const ownItem = await defender.capture(ownPageUrl, caseId);
  await defender.front();
  await drive.reload();
  await drive.waitFor('#case-view');
  await openCase(drive, caseId);
  const invitation = await inviteAlly(drive, SCOPE);
  expect(invitation.armored).toMatch(/^-----BEGIN PGP SIGNED MESSAGE-----/);
  expect(invitation.sha256).toMatch(/^[0-9a-f]{64}$/);
  await drive.waitFor(`#invite-list li[data-sha256="${invitation.sha256}"]`);
  expect(await drive.text('#invite-list')).toContain(grouped(invitation.sha256.slice(0, 16)));
  await drive.click('#cases-button');
  expect(await checkInvitation(drive, invitation.armored)).toEqual({ refused: 'own' });
  return { ...defender, fingerprint, caseId, ownItem, invitation };
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
  const { drive, caseId, ownItem } = defender;
  const imported = await importHandOver(drive, sealed);
  expect(imported).toEqual({ state: 'done', collector: ally.fingerprint, items: 1 });
  expect(await drive.text('#import-collector')).toBe(grouped(ally.fingerprint));
  expect((await vaultState(drive)).items).toEqual([ownItem, ally.item].sort());

  await drive.reload();
  await drive.waitFor('#case-view');
  await openCase(drive, caseId);
  await drive.waitFor(`#item-list [data-item-id="${ally.item}"]`);
  const bundle = await exportOpenCase(drive);
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

/**
 * Registers, in the enclosing describe, what a two-profile test holds besides its suite: a second
 * browser, Chromium on a profile of its own, and a server of a page of random markers for the ally
 * to capture; both closed after the tests.
 */
export function useSecondChromiumAndCanary() {
  const held: { chromium?: ChromiumSession; server?: FixtureServer } = {};
  afterAll(async () => {
    await held.chromium?.close().catch(() => undefined);
    await held.server?.close();
  });
  return {
    launch: async (profile: string): Promise<ChromiumSession> =>
      (held.chromium = await launchChromium({
        extensionDir: join(ROOT, '.output/chrome-mv3'),
        userDataDir: profile,
      })),
    /** Writes the page of markers under `work` and serves it; its URL and its markers. */
    canary: async (work: string) => {
      const page = writeCanaryPage(join(work, 'canary'));
      held.server = await startFixtureServer(join(work, 'canary'));
      return { url: held.server.url(page.path), markers: Object.values(page.evidence) };
    },
    /** Closes the second browser now (e.g. to scan its profile). */
    close: async () => {
      await held.chromium?.close();
      held.chromium = undefined;
    },
  };
}

/** The ally's item in the defender's bundle: captured from `url`, in a browser named like `browser`. */
export async function expectCapturedIn(
  bundle: string,
  itemId: string,
  url: string,
  browser: RegExp,
): Promise<void> {
  const item = await (
    await openBundle(bundle)
  ).json<{
    source: { url: string };
    environment: { browser: { name: string } };
  }>(`items/${itemId}/item.json`);
  expect(item.environment.browser.name.toLowerCase()).toMatch(browser);
  expect(item.source.url).toBe(url);
}
