// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, residue after wipe (Firefox ESR): the Chromium test's wipes, in a Firefox profile. Firefox
// keeps an extension's IndexedDB in SQLite files under storage/default/moz-extension+++<uuid>…,
// where a deleted row can linger in a free page or the write-ahead log, each value Snappy-compressed
// (the scan expands every stream it can decode there, see support/snappy.ts). So besides the captured
// page's markers (never in clear: they are sealed), the test plants what would show a lingering
// row: a clear-text marker in a row of the vault's own `items` table, deleted by the wipe, which
// must be gone, and every key slot the vault had and its sealed identity, which must be gone too. A marker and a byte string
// in a database the wipe does not touch must be found (the scan sees those files), and a profile
// restarted without a wipe must still open with the passphrase and hold its key slots (the
// restart keeps the storage, and the slots are findable when present).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivePuppeteer } from '../../scripts/drive/firefox.ts';
import {
  launchFirefoxWithProfile,
  type FirefoxProfileSession,
} from '../../scripts/drive/firefox-profile.ts';
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
import { bytesUnder, findBytes, newMarker, scanTree } from './support/profile-scan';
import { writeClearRowsSource } from './support/residue-rows';

const ROOT = resolve(import.meta.dirname, '../..');
const EXTENSION = join(ROOT, '.output/firefox-mv2');
const ADDON_ID = 'attest@attest.invalid';
const extensionOwned = (file: string, uuid: string): boolean =>
  file.includes(uuid) || file.includes(ADDON_ID);

describe('residue after wipe: Firefox profile', () => {
  let work: string;
  let server: FixtureServer;
  let session: FirefoxProfileSession | undefined;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'attest-residue-firefox-'));
    server = await startFixtureServer(join(work, 'pages'));
  });
  afterAll(async () => {
    await session?.close().catch(() => undefined);
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const restart = async (profile: string) => {
    session = await launchFirefoxWithProfile({ extensionDir: EXTENSION, userDataDir: profile });
    return session;
  };

  for (const how of ['panic', 'duress', 'none (control)'] as const) {
    const wipes = how !== 'none (control)';
    const title = wipes
      ? `after a ${how} wipe: 0 markers and 0 key slots in the extension's storage, the passphrase opens nothing`
      : 'control, no wipe: the same restart opens the vault and the same scan finds the key slots';
    it(title, async () => {
      const tag = how.split(' ')[0] ?? how;
      const canary = writeCanaryPage(join(work, 'pages', tag));
      const profile = join(work, `profile-${tag}`);
      let s = await restart(profile);
      const { uuid } = s;
      const vault = drivePuppeteer(s.vaultPage);
      await setUpVault(vault, `Residue ${tag}`);
      // Every version of the key row: setting the duress passphrase re-seals both slots.
      const secrets = new Set(await keySecretsHex(vault));
      if (how === 'duress') await setDuress(vault, PASSPHRASE);
      const page = await s.browser.newPage();
      await page.goto(server.url(`${tag}/${canary.path}`));
      await page.bringToFront();
      await captureFromPopup(drivePuppeteer(await s.openPopup()));
      await s.vaultPage.bringToFront();
      for (const hex of await keySecretsHex(vault)) secrets.add(hex);
      const before = await attestRowCounts(vault);
      expect(before.items).toBe(1);
      // Planted just before the wipe: `deleted` in a row of the vault's own table, `kept` and
      // `keptBytes` in a database of their own that no wipe touches.
      const planted = { deleted: newMarker(), kept: newMarker(), keptBytes: newMarker() };
      await vault.evaluate(writeClearRowsSource(planted));
      const idbBefore = bytesUnder(join(profile, 'storage/default'), uuid);

      if (how === 'panic') await panicWipe(vault);
      if (how === 'duress') {
        await vault.click('#lock-button');
        await submitUnlock(vault, DURESS_PASSPHRASE);
      }
      if (wipes) await vault.waitFor('#setup-passphrase', 60_000);
      const after = await attestRowCounts(vault);
      await s.close();
      session = undefined;

      const markers = [...Object.values(canary.evidence), planted.deleted, planted.kept];
      const { files, hits } = scanTree(profile, markers);
      const ours = hits.filter((h) => extensionOwned(h.file, uuid));
      const found = (m: string) => ours.filter((h) => h.marker === m).map((h) => h.file);
      const evidenceHits = ours.filter((h) => Object.values(canary.evidence).includes(h.marker));
      const slotFiles = findBytes(
        profile,
        [...secrets].map((hex) => Buffer.from(hex, 'hex')),
      ).map((f) => relative(profile, f));
      const keptBytesFiles = findBytes(profile, [Buffer.from(planted.keptBytes)]);

      // Restart: the storage is kept across it (the control opens), a wiped vault stays gone.
      s = await restart(profile);
      const again = drivePuppeteer(s.vaultPage);
      const restartedUuid = s.uuid;
      const reply = await unlockReply(again, PASSPHRASE);
      const rowsAfterRestart = await attestRowCounts(again);
      await s.close();
      session = undefined;

      console.log(
        `residue firefox, wipe ${how}: rows ${JSON.stringify(before)} -> ${JSON.stringify(after)}; ` +
          `extension storage ${idbBefore} bytes before; ${files} profile files scanned for ${markers.length} markers × 7 encodings: ` +
          `${evidenceHits.length} evidence hits in extension storage, ${hits.length - ours.length} in browser-owned files; ` +
          `clear row in the vault's items table: ${found(planted.deleted).length} hits; ` +
          `control database: marker in ${found(planted.kept).join(', ') || 'no file'}, bytes in ${keptBytesFiles.length} files; ` +
          `${secrets.size} key secrets (slots ever written, identity) in ${slotFiles.length} files${slotFiles.length ? ` (${slotFiles.join(', ')})` : ''}; ` +
          `after restart (uuid ${restartedUuid === uuid ? 'same' : 'CHANGED'}) unlock -> ${JSON.stringify(reply)}`,
      );
      expect(restartedUuid, 'the restarted extension reads the same storage').toBe(uuid);
      expect(found(planted.kept), 'control marker in a database no wipe touches').not.toEqual([]);
      expect(keptBytesFiles.length, 'control bytes in a database no wipe touches').toBeGreaterThan(
        0,
      );
      expect(evidenceHits.map((h) => `${h.marker} in ${h.file} (${h.encoding})`)).toEqual([]);
      if (wipes) {
        expect(Object.values(after).every((n) => n === 0)).toBe(true);
        expect(found(planted.deleted), 'clear row deleted by the wipe').toEqual([]);
        expect(slotFiles, 'old wrapped key slots').toEqual([]);
        expect(reply).toMatchObject({ ok: false, error: { code: 'vault-uninitialized' } });
        expect(Object.values(rowsAfterRestart).every((n) => n === 0)).toBe(true);
      } else {
        expect(found(planted.deleted), 'clear row left in place').not.toEqual([]);
        expect(slotFiles.length, 'key slots of a vault still there').toBeGreaterThan(0);
        expect(reply).toMatchObject({ ok: true });
        expect(rowsAfterRestart.items).toBe((before.items ?? 0) + 1);
      }
    });
  }
});
