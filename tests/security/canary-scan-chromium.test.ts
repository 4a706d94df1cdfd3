// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, canary scan (Chromium): capture a page full of random markers, lock, close the browser,
// then search the profile. The extension's own storage must hold none of them; a marker the test
// writes in clear into the same storage must be found (or the scanner is blind).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  drivePlaywright,
  launchChromium,
  type ChromiumSession,
} from '../../scripts/drive/chromium.ts';
import { captureFromPopup, setUpVault } from '../../scripts/drive/flow.ts';
import { useCanaryScan, writeClearControlSource } from './support/canary-setup';
import { ldbBlocks } from './support/leveldb-blocks';
import {
  bytesUnder,
  chromiumExtensionOwned as extensionOwned,
  newMarker,
  scanTree,
  type Hit,
} from './support/profile-scan';

const ROOT = resolve(import.meta.dirname, '../..');

describe('canary scan: Chromium profile after capture and lock', () => {
  let session: ChromiumSession | undefined;
  const scan = useCanaryScan('chromium', () => session?.close());
  const control = { indexedDb: newMarker(), storageLocal: newMarker(), compacted: newMarker() };

  it('finds 0 markers in the extension storage, and finds the clear-text control markers', async () => {
    const { canary, server } = scan;
    const profile = join(scan.work, 'profile');
    session = await launchChromium({
      extensionDir: join(ROOT, '.output/chrome-mv3'),
      userDataDir: profile,
    });
    const id = session.extensionId;
    const vaultPage = await session.vaultPage();
    const vault = drivePlaywright(vaultPage);
    await setUpVault(vault, 'Canary Collector');

    const page = await session.context.newPage();
    await page.goto(server.url(canary.path));
    await page.bringToFront();
    const itemId = await captureFromPopup(drivePlaywright(await session.openPopup()));

    // Positive control: the same origin's IndexedDB and chrome.storage.local, written in clear.
    await vaultPage.evaluate(writeClearControlSource(control.indexedDb, control.storageLocal));
    // Enough small records to overflow LevelDB's write buffer, so they are flushed into a
    // Snappy-compressed .ldb table: the scanner must see through that too.
    await vaultPage.evaluate(async (marker) => {
      const db = await new Promise<IDBDatabase>((done, fail) => {
        const req = indexedDB.open('canary-control-bulk', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('clear');
        req.onerror = () => fail(new Error(String(req.error)));
        req.onsuccess = () => done(req.result);
      });
      for (let batch = 0; batch < 16; batch++) {
        await new Promise<void>((done, fail) => {
          const tx = db.transaction('clear', 'readwrite');
          for (let i = 0; i < 128; i++)
            tx.objectStore('clear').put(
              `${i} ${marker} ${'evidence '.repeat(400)}`,
              batch * 128 + i,
            );
          tx.oncomplete = () => done();
          tx.onerror = () => fail(new Error(String(tx.error)));
        });
      }
      db.close();
    }, control.compacted);

    await vault.click('#lock-button');
    await vault.waitFor('#unlock-passphrase', 30_000);
    await session.close();
    session = undefined;

    // The scan means something only if the capture really landed in the extension's IndexedDB.
    const idbBytes = bytesUnder(join(profile, 'Default/IndexedDB'), id);
    expect(idbBytes, 'encrypted capture in the extension IndexedDB').toBeGreaterThan(20_000);
    const { evidence } = canary;
    const markers = [...Object.values(evidence), ...Object.values(control)];
    const { files, hits } = scanTree(profile, markers);
    const isEvidence = (h: Hit) => Object.values(evidence).includes(h.marker);
    const ours = hits.filter((h) => extensionOwned(h.file, id));
    const browsers = hits.filter((h) => !extensionOwned(h.file, id) && isEvidence(h));
    const evidenceInOurs = ours.filter(isEvidence);
    const controlFound = Object.entries(control).map(
      ([where, m]) =>
        [
          where,
          ours.filter((h) => h.marker === m).map((h) => `${h.file} (${h.encoding})`),
        ] as const,
    );
    const name = (m: string) => Object.entries(evidence).find(([, v]) => v === m)?.[0] ?? m;
    console.log(
      `canary scan chromium: item ${itemId} (${idbBytes} bytes in the extension IndexedDB); ${files} profile files scanned for ${markers.length} markers × 7 encodings; ` +
        `extension storage (paths with ${id}, Default/Extension State): ${evidenceInOurs.length} evidence-marker hits; ` +
        `positive control: ${controlFound.map(([w, f]) => `${w} ${f.length} hits`).join(', ')}`,
    );
    console.log(
      `  browser-owned hits (information; Chromium itself visited the page): ${browsers.length}: ` +
        [...new Set(browsers.map((h) => `${name(h.marker)}@${h.file}`))].join(', '),
    );
    for (const [where, found] of controlFound)
      console.log(`  control ${where}: ${found.join(', ')}`);
    expect(evidenceInOurs.map((h) => `${name(h.marker)} in ${h.file} (${h.encoding})`)).toEqual([]);
    for (const [where, found] of controlFound)
      expect(found, `control marker in ${where}`).not.toEqual([]);
    const inTables =
      controlFound.find(([w]) => w === 'compacted')?.[1].filter((f) => f.includes('.ldb')) ?? [];
    expect(inTables, 'the bulk control marker found inside a compacted .ldb table').not.toEqual([]);
    // Snappy keeps only the first copy of a repeated marker literal in a block: count the copies
    // before and after expanding the blocks to show the decompressor works and matters.
    const count = (buf: Buffer, m: string): number => buf.toString('latin1').split(m).length - 1;
    const tables = [...new Set(inTables.map((f) => f.replace(/ \(.*$/, '')))];
    const rawCopies = tables.reduce(
      (n, f) => n + count(readFileSync(join(profile, f)), control.compacted),
      0,
    );
    const expandedCopies = tables.reduce(
      (n, f) =>
        n + count(Buffer.concat(ldbBlocks(readFileSync(join(profile, f)))), control.compacted),
      0,
    );
    console.log(
      `  .ldb tables: ${rawCopies} literal copies of the bulk control marker on disk, ${expandedCopies} after Snappy expansion`,
    );
    expect(expandedCopies).toBeGreaterThan(rawCopies);
  });
});
