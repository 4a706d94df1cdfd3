// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, residue after wipe (Chromium): capture a canary page, wipe (panic button, or duress
// passphrase at unlock), close the browser, scan the profile. The extension's storage must hold 0
// captured markers; no file of the profile may hold any key slot the vault ever had (also the
// slots replaced when the duress passphrase was set) nor the sealed identity, which the same scan
// finds before the wipe (positive control); and after a restart the real passphrase opens nothing.
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
  keySecretsHex,
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
    it(`after a ${how} wipe: 0 markers in the extension's storage, 0 files with a key slot, the passphrase opens nothing`, async () => {
      const canary = writeCanaryPage(join(work, 'pages', how));
      const profile = join(work, `profile-${how}`);
      let session = await launchChromium({ extensionDir: EXTENSION, userDataDir: profile });
      const id = session.extensionId;
      const vault = drivePlaywright(await session.vaultPage());
      await setUpVault(vault, `Residue ${how}`);
      // Every version of the key row: setting the duress passphrase re-seals both slots.
      const secrets = new Set(await keySecretsHex(vault));
      if (how === 'duress') await setDuress(vault, PASSPHRASE);
      const page = await session.context.newPage();
      await page.goto(server.url(`${how}/${canary.path}`));
      await page.bringToFront();
      await captureFromPopup(drivePlaywright(await session.openPopup()));
      for (const hex of await keySecretsHex(vault)) secrets.add(hex);
      const needles = [...secrets].map((hex) => Buffer.from(hex, 'hex'));
      const before = await attestRowCounts(vault);
      expect(before.items).toBe(1);
      const idbBefore = bytesUnder(join(profile, 'Default/IndexedDB'), id);
      // Positive control: the scan finds each current key secret in the running profile.
      const current = (await keySecretsHex(vault)).map((hex) => Buffer.from(hex, 'hex'));
      const foundBefore = current.map((n) =>
        findBytes(profile, [n]).map((f) => relative(profile, f)),
      );

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
      const keyFiles = findBytes(profile, needles).map((f) => relative(profile, f));

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
          `${needles.length} key secrets (slots ever written, identity) found before the wipe in ${foundBefore.map((f) => f.length).join('/')} files ` +
          `(${[...new Set(foundBefore.flat())].join(', ')}), after it in ${keyFiles.length} files${keyFiles.length ? ` (${keyFiles.join(', ')})` : ''}; ` +
          `after restart unlock -> ${JSON.stringify(reply)}`,
      );
      expect(ours.map((h) => `${h.marker} in ${h.file} (${h.encoding})`)).toEqual([]);
      for (const files of foundBefore) expect(files, 'key secret before the wipe').not.toEqual([]);
      expect(keyFiles, 'files holding a key slot or the identity after the wipe').toEqual([]);
      expect(reply).toMatchObject({ ok: false, error: { code: 'vault-uninitialized' } });
      expect(Object.values(rowsAfterRestart).every((n) => n === 0)).toBe(true);
    });
  }
});
