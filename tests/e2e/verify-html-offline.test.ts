// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBundle } from '../../lib/bundle/write';
import { makeInput, signerFor } from '../unit/support/bundle-fixture';

const ROOT = resolve(import.meta.dirname, '../..');
const VERIFY_HTML = join(ROOT, '.output/verify/verify.html');
const STATUS = '#verify-status[data-status]';

describe('offline verify.html opened from disk', () => {
  let work: string;
  let good: string;
  let tampered: string;
  let url: string;

  beforeAll(async () => {
    if (!existsSync(VERIFY_HTML))
      execFileSync('npx', ['vite', 'build', '-c', 'vite.verify.config.ts'], {
        cwd: ROOT,
        stdio: 'ignore',
      });
    work = mkdtempSync(join(tmpdir(), 'attest-verify-html-'));
    const { input, identity } = await makeInput({ items: 2 });
    const zip = await writeBundle(input, signerFor(identity));
    good = join(work, 'good.zip');
    writeFileSync(good, zip);
    // One byte of one screenshot changed, everything else as signed.
    const loaded = await JSZip.loadAsync(zip);
    const path = `items/${input.items[0]!.item.id}/screenshot.png`;
    const bytes = await loaded.file(path)!.async('uint8array');
    bytes[100] = bytes[100]! ^ 1;
    loaded.file(path, bytes);
    tampered = join(work, 'tampered.zip');
    writeFileSync(tampered, await loaded.generateAsync({ type: 'uint8array' }));
    url = pathToFileURL(VERIFY_HTML).href;
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('Chromium: intact and tampered bundles, and no request beyond file:, data: and blob:', async () => {
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(url);
      await page.setInputFiles('#verify-file', good);
      await page.waitForSelector(STATUS);
      expect(await page.getAttribute('#verify-status', 'data-status')).toBe('intact');
      expect(await page.textContent('#verify-checks')).toContain('good signature');
      await page.goto(url);
      await page.setInputFiles('#verify-file', tampered);
      await page.waitForSelector(STATUS);
      expect(await page.getAttribute('#verify-status', 'data-status')).toBe('tampered');
      expect(await page.textContent('body')).toContain('screenshot.png has been changed');
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.filter((u) => !/^(file|data|blob):/.test(u))).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('Firefox: intact and tampered bundles', async () => {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: '/usr/bin/firefox-esr',
      headless: true,
    });
    try {
      const page = await browser.newPage();
      for (const [file, status] of [
        [good, 'intact'],
        [tampered, 'tampered'],
      ] as const) {
        await page.goto(url);
        const input = await page.waitForSelector('input#verify-file');
        await input!.uploadFile(file);
        await page.waitForSelector(STATUS, { timeout: 60_000 });
        const shown = await page.$eval('#verify-status', (e) => e.getAttribute('data-status'));
        expect(shown).toBe(status);
      }
    } finally {
      await browser.close();
    }
  });
});
