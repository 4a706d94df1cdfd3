// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { drivePlaywright } from '../../scripts/drive/chromium.ts';
import {
  captureFromPopup,
  downloadedFile,
  exportItems,
  setUpVault,
} from '../../scripts/drive/flow.ts';
import { useChromium } from './support/suites.ts';

describe('Chromium: classify a capture as intimate imagery, export the platform pack', () => {
  const suite = useChromium('classification');

  it('saves the classification, veils the item, and the pack holds hashes but no image', async () => {
    const { session, server, work } = suite;
    const vaultPage = await session.vaultPage();
    const vault = drivePlaywright(vaultPage);
    await setUpVault(vault, 'E2E Collector');
    const page = await session.context.newPage();
    await page.goto(server.url('threat-post.html'));
    await page.bringToFront();
    const itemId = await captureFromPopup(drivePlaywright(await session.openPopup()));

    await vaultPage.bringToFront();
    await vault.reload();
    await vaultPage.click(`#item-list [data-item-id="${itemId}"] .meta a`);
    await vaultPage.waitForSelector('#classification-form');
    await vaultPage.selectOption('select[name=category]', 'image-based-sexual-abuse');
    await vaultPage.check('input[name=imminentRisk]');
    await vaultPage.check('input[name=intimateImagery]');
    await vaultPage.fill('textarea[name=notes]', 'NOTE-e2e-private-description');
    await vaultPage.click('#legal-grounds .add-row');
    await vaultPage.fill('#legal-grounds input[name=jurisdiction]', 'FR');
    await vaultPage.fill('#legal-grounds input[name=instrument]', 'Code pénal');
    await vaultPage.fill('#legal-grounds input[name=article]', 'art. 226-2-1');
    await vaultPage.click('#save-classification');
    await vaultPage.waitForSelector('#classification-status[data-state=saved]');
    expect(await vaultPage.textContent('#category-description')).toBeTruthy();
    expect(await vaultPage.getAttribute('#item-detail figure.sensitive', 'data-veiled')).toBe(
      'true',
    );

    // The full bundle: its screenshot is what must never reach the pack.
    const { downloadId } = await exportItems(vault, [itemId]);
    const bundle = await JSZip.loadAsync(readFileSync(await downloadedFile(vault, downloadId)));
    const classification = JSON.parse(
      await bundle.file(`items/${itemId}/classification.json`)!.async('string'),
    ) as { intimateImagery: boolean; category: string };
    expect(classification).toMatchObject({
      intimateImagery: true,
      category: 'image-based-sexual-abuse',
    });
    const shots = Object.keys(bundle.files).filter(
      (n) => n.startsWith(`items/${itemId}/`) && n.endsWith('.png'),
    );
    expect(shots.length).toBeGreaterThan(0);

    // The notices' notifier comes from settings, kept sealed in the vault.
    await vaultPage.click('#settings-button');
    await vaultPage.fill('#notifier-email', 'not an address');
    await vaultPage.click('#notifier-save');
    await vaultPage.waitForSelector('#notifier-status[data-state=error]');
    await vaultPage.fill('#notifier-email', 'e2e@example.org');
    await vaultPage.click('#notifier-save');
    await vaultPage.waitForSelector('#notifier-status[data-state=done]');

    await vault.reload();
    await vaultPage.waitForSelector(`#item-list [data-item-id="${itemId}"]`);
    expect(await vaultPage.getAttribute('#notifier-summary', 'data-email')).toBe('given');
    await vaultPage.check(`#item-list [data-item-id="${itemId}"] input.export-select`);
    await vaultPage.click('#pack-export-button');
    await vaultPage.waitForSelector(
      '#pack-status[data-state=done], #pack-status[data-state=error]',
      {
        timeout: 120_000,
      },
    );
    expect(await vaultPage.getAttribute('#pack-status', 'data-state')).toBe('done');
    const packId = Number(await vaultPage.getAttribute('#pack-status', 'data-download-id'));
    const packBytes = readFileSync(await downloadedFile(vault, packId));
    const pack = await JSZip.loadAsync(packBytes);
    const names = Object.keys(pack.files);
    expect(names).toContain('notices/ncii-hashes.csv');
    const dsa = names.find((n) => n.endsWith('-dsa-art16.txt'));
    expect(await pack.file(dsa!)!.async('string')).toContain('Email: e2e@example.org');
    for (const shot of shots) {
      const bytes = await bundle.file(shot)!.async('nodebuffer');
      expect(packBytes.indexOf(bytes)).toBe(-1);
      for (const n of names) {
        const data = await pack.file(n)!.async('nodebuffer');
        expect(data.indexOf(bytes), `${n} holds ${shot}`).toBe(-1);
      }
    }
    const hashes = await pack.file('notices/ncii-hashes.csv')!.async('string');
    expect(hashes).toMatch(/^item_id,file,sha256,pdq,pdq_quality\r\n/);
    expect(hashes).toMatch(
      new RegExp(`${itemId},items/${itemId}/[^,]+\\.png,[0-9a-f]{64},[0-9a-f]{64},\\d+`),
    );
    for (const n of names) {
      const text = await pack.file(n)!.async('string');
      expect(text).not.toContain('NOTE-e2e-private-description');
    }

    // Stock tools check the pack alone.
    const dir = join(work, 'pack');
    for (const n of names) {
      if (pack.files[n]!.dir) continue;
      mkdirSync(dirname(join(dir, n)), { recursive: true });
      writeFileSync(join(dir, n), await pack.file(n)!.async('nodebuffer'));
    }
    execFileSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: dir });
    const gnupghome = mkdtempSync(join(work, 'gpg-'));
    const env = { ...process.env, GNUPGHOME: gnupghome };
    execFileSync('gpg', ['--batch', '--import', 'collector-key.asc'], {
      cwd: dir,
      env,
      stdio: 'ignore',
    });
    execFileSync('gpg', ['--batch', '--verify', 'SHA256SUMS.asc', 'SHA256SUMS'], {
      cwd: dir,
      env,
      stdio: 'ignore',
    });
  }, 300_000);
});
