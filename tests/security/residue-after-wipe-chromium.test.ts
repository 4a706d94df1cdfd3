// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, residue after wipe (Chromium): capture a canary page, wipe (panic button, or duress
// passphrase at unlock), close the browser, scan the profile. The extension's storage must hold 0
// captured markers, and after a restart the real passphrase must open nothing. Also reported: whether
// the old wrapped key slots still sit in LevelDB's files (deleted records linger until compaction).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivePlaywright, launchChromium } from '../../scripts/drive/chromium.ts';
import { startFixtureServer, type FixtureServer } from '../../scripts/drive/fixture-server.ts';
import { PASSPHRASE, captureFromPopup, setUpVault } from '../../scripts/drive/flow.ts';
import {
  DURESS_PASSPHRASE,
  attestRowCounts,
  headerSlotsHex,
  panicWipe,
  setDuress,
  submitUnlock,
  unlockReply,
} from '../../scripts/drive/security-flow.ts';
import { writeCanaryPage } from './support/canary-page';
import { bytesUnder, findBytes, scanTree } from './support/profile-scan';

const ROOT = resolve(import.meta.dirname, '../..');
const EXTENSION = join(ROOT, '.output/chrome-mv3');
const extensionOwned = (file: string, id: string): boolean =>
  file.includes(id) || file.startsWith('Default/Extension State/');

describe('residue after wipe: Chromium profile', () => {
  let work: string;
  let server: FixtureServer;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'attest-residue-'));
    server = await startFixtureServer(join(work, 'pages'));
  });
  afterAll(async () => {
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  for (const how of ['panic', 'duress'] as const) {
    it(`after a ${how} wipe: 0 markers in the extension's storage, the passphrase opens nothing`, async () => {
      const canary = writeCanaryPage(join(work, 'pages', how));
      const profile = join(work, `profile-${how}`);
      let session = await launchChromium({ extensionDir: EXTENSION, userDataDir: profile });
      const id = session.extensionId;
      const vault = drivePlaywright(await session.vaultPage());
      await setUpVault(vault, `Residue ${how}`);
      if (how === 'duress') await setDuress(vault, PASSPHRASE);
      const page = await session.context.newPage();
      await page.goto(server.url(`${how}/${canary.path}`));
      await page.bringToFront();
      await captureFromPopup(drivePlaywright(await session.openPopup()));
      const slots = await headerSlotsHex(vault);
      const before = await attestRowCounts(vault);
      expect(before.items).toBe(1);
      const idbBefore = bytesUnder(join(profile, 'Default/IndexedDB'), id);

      if (how === 'panic') {
        await panicWipe(vault);
      } else {
        await vault.click('#lock-button');
        await submitUnlock(vault, DURESS_PASSPHRASE);
      }
      await vault.waitFor('#setup-passphrase', 60_000);
      const after = await attestRowCounts(vault);
      expect(Object.values(after).every((n) => n === 0)).toBe(true);
      await session.close();

      const markers = Object.values(canary.evidence);
      const { files, hits } = scanTree(profile, markers);
      const ours = hits.filter((h) => extensionOwned(h.file, id));
      const slotFiles = findBytes(
        profile,
        slots.map((hex) => Buffer.from(hex, 'hex')),
      ).map((f) => relative(profile, f));

      // Restart: the vault is gone for good, the real passphrase opens nothing.
      session = await launchChromium({ extensionDir: EXTENSION, userDataDir: profile });
      const again = drivePlaywright(
        await session.vaultPage().catch(() => session.openExtensionPage('/vault.html')),
      );
      await again.waitFor('#setup-passphrase', 30_000);
      const reply = await unlockReply(again, PASSPHRASE);
      const rowsAfterRestart = await attestRowCounts(again);
      await session.close();

      console.log(
        `residue after ${how} wipe: rows ${JSON.stringify(before)} -> ${JSON.stringify(after)}; ` +
          `IndexedDB ${idbBefore} bytes before; ${files} profile files scanned for ${markers.length} markers × 7 encodings: ` +
          `${ours.length} hits in extension storage, ${hits.length - ours.length} in browser-owned files; ` +
          `old wrapped key slots still in ${slotFiles.length} files${slotFiles.length ? ` (${slotFiles.join(', ')})` : ''}; ` +
          `after restart unlock -> ${JSON.stringify(reply)}`,
      );
      expect(ours.map((h) => `${h.marker} in ${h.file} (${h.encoding})`)).toEqual([]);
      expect(reply).toMatchObject({ ok: false, error: { code: 'vault-uninitialized' } });
      expect(Object.values(rowsAfterRestart).every((n) => n === 0)).toBe(true);
    });
  }
});
