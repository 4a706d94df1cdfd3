// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { drivePlaywright } from '../../scripts/drive/chromium.ts';
import {
  captureFromPopup,
  downloadedFile,
  exportItems,
  setUpVault,
} from '../../scripts/drive/flow.ts';
import { checkWithStockTools } from './support/stock-checks.ts';
import { useChromium } from './support/suites.ts';

/** A lawyer's gpg home with one fresh key, as they would make it. */
function lawyerHome(work: string) {
  const home = join(work, 'lawyer-gnupg');
  mkdirSync(home, { mode: 0o700 });
  const gpg = (...args: string[]) =>
    execFileSync(
      'gpg',
      ['--homedir', home, '--batch', '--pinentry-mode', 'loopback', '--passphrase', '', ...args],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  gpg(
    '--quick-gen-key',
    'Lawyer Dupont <dupont@example.org>',
    'future-default',
    'default',
    'never',
  );
  const fingerprint = gpg('--with-colons', '--list-keys')
    .split('\n')
    .find((l) => l.startsWith('fpr:'))!
    .split(':')[9]!;
  return {
    home,
    gpg,
    fingerprint,
    publicKey: gpg('--armor', '--export'),
    secretKey: gpg('--armor', '--export-secret-keys'),
  };
}

describe('Chromium: encrypted hand-over to a recipient imported in the vault page', () => {
  const suite = useChromium('hand-over');

  it('refuses a secret key, imports the public key, exports a bundle only gpg with that key opens', async () => {
    const { session, server, work } = suite;
    const lawyer = lawyerHome(work);
    const vaultPage = await session.vaultPage();
    const vault = drivePlaywright(vaultPage);
    await setUpVault(vault, 'E2E Collector');

    // A secret key block pasted by mistake is refused, said so, and nothing is kept.
    await vaultPage.click('#settings-button');
    await vaultPage.fill('#recipient-key', lawyer.secretKey);
    await vaultPage.click('#recipient-add');
    await vaultPage.waitForSelector('#recipient-status[data-state=error]');
    expect(await vaultPage.textContent('#recipient-status')).toContain(
      'This is a private (secret) key and was not kept.',
    );
    expect(await vaultPage.$$('#recipient-list li')).toHaveLength(0);

    // The public key, chosen as a file.
    const keyFile = join(work, 'dupont.asc');
    writeFileSync(keyFile, lawyer.publicKey);
    await vaultPage.setInputFiles('#recipient-file', keyFile);
    await vaultPage.waitForSelector('#recipient-status[data-state=done]');
    const row = `#recipient-list li[data-fingerprint="${lawyer.fingerprint}"]`;
    await vaultPage.waitForSelector(row);
    expect(await vaultPage.textContent(`${row} .recipient-name`)).toBe('Lawyer Dupont');
    expect(await vaultPage.textContent(`${row} .recipient-email`)).toBe('dupont@example.org');
    // Grouped by four for reading aloud, all 40 digits.
    expect(await vaultPage.textContent(`${row} .recipient-fingerprint`)).toBe(
      lawyer.fingerprint.replace(/(.{4})(?=.)/g, '$1 '),
    );

    const page = await session.context.newPage();
    await page.goto(server.url('threat-post.html'));
    await page.bringToFront();
    const itemId = await captureFromPopup(drivePlaywright(await session.openPopup()));

    await vaultPage.bringToFront();
    await vault.reload();
    await vaultPage.waitForSelector(`#item-list [data-item-id="${itemId}"]`);
    await vaultPage.check(`#item-list [data-item-id="${itemId}"] input.export-select`);
    await vaultPage.check(`#export-recipients input[value="${lawyer.fingerprint}"]`);
    await vaultPage.click('#export-button');
    await vaultPage.waitForSelector(
      '#export-status[data-state=done], #export-status[data-state=error]',
      { timeout: 120_000 },
    );
    expect(await vaultPage.textContent('#export-status')).not.toMatch(/error/i);
    expect(await vaultPage.getAttribute('#export-status', 'data-state')).toBe('done');
    expect(await vaultPage.getAttribute('#export-status', 'data-recipients')).toBe(
      lawyer.fingerprint,
    );
    const filename = (await vaultPage.getAttribute('#export-status', 'data-filename')) ?? '';
    expect(filename).toMatch(/^attest-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.zip\.gpg$/);
    const downloadId = Number(await vaultPage.getAttribute('#export-status', 'data-download-id'));
    const sealed = await downloadedFile(vault, downloadId);
    // Not a ZIP on disk: nothing of the evidence is readable without the lawyer's key.
    expect(readFileSync(sealed).subarray(0, 2).toString('latin1')).not.toBe('PK');

    const decrypted = join(work, 'decrypted.zip');
    lawyer.gpg('--output', decrypted, '--decrypt', sealed);
    const checked = checkWithStockTools(decrypted);
    expect(checked.gpgStatus).toContain('GOODSIG');

    const bundle = await JSZip.loadAsync(readFileSync(decrypted));
    const events = (await bundle.file('custody-log.jsonl')!.async('string'))
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as { type: string; details: { items?: string[]; recipients?: string[] } },
      );
    const exported = events.at(-1)!;
    expect(exported.type).toBe('exported');
    expect(exported.details.items).toEqual([itemId]);
    expect(exported.details.recipients).toEqual([lawyer.fingerprint]);

    // The vault logged the hand-over itself: the next bundle's log names the encrypted file.
    const next = await exportItems(vault, [itemId]);
    const later = await JSZip.loadAsync(readFileSync(await downloadedFile(vault, next.downloadId)));
    const handedOver = (await later.file('custody-log.jsonl')!.async('string'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; details: Record<string, unknown> })
      .filter((e) => e.type === 'handed-over');
    expect(handedOver.map((e) => e.details)).toEqual([
      {
        bundleId: expect.any(String) as unknown,
        file: filename,
        sha256: createHash('sha256').update(readFileSync(sealed)).digest('hex'),
        recipients: [lawyer.fingerprint],
      },
    ]);
  }, 300_000);
});
