// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, canary scan (Firefox): as the Chromium scan, in a Firefox ESR profile. The extension's
// IndexedDB and storage.local live under storage/default/moz-extension+++<uuid>…; a marker the
// test stores there in clear must be found, the captured page's markers must not.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drivePuppeteer } from '../../scripts/drive/firefox.ts';
import {
  launchFirefoxWithProfile,
  type FirefoxProfileSession,
} from '../../scripts/drive/firefox-profile.ts';
import { captureFromPopup, setUpVault } from '../../scripts/drive/flow.ts';
import { useCanaryScan, writeClearControlSource } from './support/canary-setup';
import { bytesUnder, newMarker, scanTree, type Hit } from './support/profile-scan';

const ROOT = resolve(import.meta.dirname, '../..');
const ADDON_ID = 'attest@attest.invalid';

const extensionOwned = (file: string, uuid: string): boolean =>
  file.includes(uuid) || file.includes(ADDON_ID);

describe('canary scan: Firefox profile after capture and lock', () => {
  let session: FirefoxProfileSession | undefined;
  const scan = useCanaryScan('firefox', () => session?.close());
  const control = { indexedDb: newMarker(), storageLocal: newMarker() };

  it('finds 0 markers in the extension storage, and finds the clear-text control markers', async () => {
    const { canary, server } = scan;
    const profile = join(scan.work, 'profile');
    session = await launchFirefoxWithProfile({
      extensionDir: join(ROOT, '.output/firefox-mv2'),
      userDataDir: profile,
    });
    const { uuid, vaultPage } = session;
    const vault = drivePuppeteer(vaultPage);
    await setUpVault(vault, 'Canary Collector');
    const page = await session.browser.newPage();
    await page.goto(server.url(canary.path));
    await page.bringToFront();
    const itemId = await captureFromPopup(drivePuppeteer(await session.openPopup()));

    await vaultPage.evaluate(writeClearControlSource(control.indexedDb, control.storageLocal));

    await vault.waitFor('#lock-button', 30_000);
    await vault.click('#lock-button');
    await vault.waitFor('#unlock-passphrase', 30_000);
    await session.close();
    session = undefined;

    // The scan means something only if the capture really landed in the extension's IndexedDB.
    const idbBytes = bytesUnder(join(profile, 'storage/default'), uuid);
    expect(idbBytes, 'encrypted capture in the extension IndexedDB').toBeGreaterThan(20_000);
    const { evidence } = canary;
    const markers = [...Object.values(evidence), ...Object.values(control)];
    const { files, hits } = scanTree(profile, markers);
    const isEvidence = (h: Hit) => Object.values(evidence).includes(h.marker);
    const ours = hits.filter((h) => extensionOwned(h.file, uuid));
    const evidenceInOurs = ours.filter(isEvidence);
    const browsers = hits.filter((h) => !extensionOwned(h.file, uuid) && isEvidence(h));
    const name = (m: string) => Object.entries(evidence).find(([, v]) => v === m)?.[0] ?? m;
    const controlFound = Object.entries(control).map(
      ([where, m]) =>
        [
          where,
          ours.filter((h) => h.marker === m).map((h) => `${h.file} (${h.encoding})`),
        ] as const,
    );
    console.log(
      `canary scan firefox: item ${itemId} (${idbBytes} bytes in the extension storage); ${files} profile files scanned for ${markers.length} markers × 7 encodings; ` +
        `extension storage (paths with ${uuid} or ${ADDON_ID}): ${evidenceInOurs.length} evidence-marker hits; ` +
        `positive control: ${controlFound.map(([w, f]) => `${w} ${f.length} hits`).join(', ')}`,
    );
    console.log(
      `  browser-owned hits (information; Firefox itself visited the page): ${browsers.length}: ` +
        [...new Set(browsers.map((h) => `${name(h.marker)}@${h.file}`))].join(', '),
    );
    for (const [where, found] of controlFound)
      console.log(`  control ${where}: ${found.join(', ')}`);
    expect(evidenceInOurs.map((h) => `${name(h.marker)} in ${h.file} (${h.encoding})`)).toEqual([]);
    for (const [where, found] of controlFound)
      expect(found, `control marker in ${where}`).not.toEqual([]);
  });
});
