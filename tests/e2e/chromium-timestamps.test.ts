// SPDX-License-Identifier: AGPL-3.0-or-later
// RFC 3161 timestamps in real Chromium against a loopback `openssl ts` authority: nothing is sent
// while off, turned on in the settings, a capture is stamped at once, an offline capture waits
// (shown on the vault page) and is sent with "send now"; every bundle checks with openssl, our
// verifier and the shared stock-tool check.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLineOf } from '../../lib/bundle/timestamps';
import { drivePlaywright } from '../../scripts/drive/chromium.ts';
import {
  captureFromPopup,
  downloadedFile,
  exportItems,
  setUpVault,
} from '../../scripts/drive/flow.ts';
import {
  createAuthority,
  opensslVerifies,
  startTsaServer,
  type Authority,
  type TsaServer,
} from '../unit/support/tsa-fixture.ts';
import { checkWithStockTools, runVerifyCli } from './support/stock-checks.ts';
import { ROOT, useChromium } from './support/suites.ts';

const sha256 = (text: string) =>
  execFileSync('sha256sum', { input: text, encoding: 'utf8' }).slice(0, 64);

describe('Chromium: RFC 3161 timestamps end to end', () => {
  const suite = useChromium('timestamps');
  let tsa: Authority;
  let server: TsaServer;
  let port = 0;

  beforeAll(async () => {
    tsa = createAuthority(join(suite.work, 'tsa'), 'E2E', { tsaKey: 'ec' });
    server = await startTsaServer(tsa);
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    await server.close().catch(() => undefined);
  });

  async function captureFixture(): Promise<string> {
    const { session } = suite;
    const page = await session.context.newPage();
    await page.goto(suite.server.url('threat-post.html'));
    await page.bringToFront();
    const id = await captureFromPopup(drivePlaywright(await session.openPopup()));
    await page.close();
    return id;
  }

  async function openSettings(vaultPage: Page): Promise<void> {
    await vaultPage.bringToFront();
    await vaultPage.reload();
    await vaultPage.click('#settings-button');
    await vaultPage.waitForSelector('#timestamps-queue[data-pending]');
  }

  /** Exports one item and returns the bundle's path and its timestamp token, if any. */
  async function exportOne(vaultPage: Page, itemId: string) {
    const vault = drivePlaywright(vaultPage);
    await vaultPage.bringToFront();
    await vault.reload();
    const { downloadId } = await exportItems(vault, [itemId]);
    const path = await downloadedFile(vault, downloadId);
    const zip = await JSZip.loadAsync(readFileSync(path));
    const tsr = await zip.file(`items/${itemId}/timestamp.tsr`)?.async('nodebuffer');
    const lines = (await zip.file('custody-log.jsonl')!.async('string')).split('\n');
    return { path, tsr, capturedLine: capturedLineOf(lines, itemId) };
  }

  async function checkStamped(bundle: Awaited<ReturnType<typeof exportOne>>, name: string) {
    expect(bundle.tsr, 'timestamp.tsr in the bundle').toBeDefined();
    const tsrFile = join(suite.work, `${name}.tsr`);
    writeFileSync(tsrFile, bundle.tsr!);
    const digest = sha256(bundle.capturedLine!);
    expect(await opensslVerifies({ tsrFile, digestHex: digest, caFile: tsa.rootFile })).toBe(true);
    // Control: the same token for another digest is refused by openssl.
    expect(
      await opensslVerifies({ tsrFile, digestHex: sha256('other'), caFile: tsa.rootFile }),
    ).toBe(false);
    const cli = runVerifyCli(bundle.path);
    expect(cli.code, cli.output).toBe(0);
    expect(cli.output).toMatch(/timestamps/);
    checkWithStockTools(bundle.path);
  }

  /** The verify page (extension and standalone verify.html) shows the item's timestamp. */
  async function checkVerifyPages(bundlePath: string, itemId: string) {
    const pages = [
      await suite.session.openExtensionPage('/verify.html'),
      await suite.session.context.newPage(),
    ];
    await pages[1]!.goto(pathToFileURL(join(ROOT, '.output/verify/verify.html')).href);
    for (const verify of pages) {
      await verify.setInputFiles('#verify-file', bundlePath);
      await verify.waitForSelector('#verify-status[data-status]:not([data-state="working"])', {
        timeout: 60_000,
      });
      expect(await verify.getAttribute('#verify-status', 'data-status')).toBe('intact');
      const row = verify.locator(`#verify-timestamps tr[data-item-id="${itemId}"]`);
      expect(await row.getAttribute('data-ok')).toBe('true');
      const text = (await row.textContent()) ?? '';
      expect(text).toContain('Valid');
      expect(text).toContain('CN=E2E TSA');
      expect(text).toContain('CN=E2E Root');
      expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)? UTC/);
      await verify.close();
    }
  }

  it('sends nothing while off, then stamps a capture once turned on in the settings', async () => {
    const vaultPage = await suite.session.vaultPage();
    await setUpVault(drivePlaywright(vaultPage), 'E2E Collector');

    // Off by default: a capture and an export reach the authority zero times.
    const unstamped = await captureFixture();
    await openSettings(vaultPage);
    expect(await vaultPage.isChecked('#timestamps-enabled')).toBe(false);
    expect(await vaultPage.inputValue('#timestamps-url')).toBe('');
    expect(await vaultPage.getAttribute('#timestamps-queue', 'data-pending')).toBe('0');
    const plain = await exportOne(vaultPage, unstamped);
    expect(plain.tsr).toBeUndefined();
    expect(server.requests).toBe(0);

    // Turn on through the UI; a bad URL is refused first with a message.
    await openSettings(vaultPage);
    await vaultPage.check('#timestamps-enabled');
    await vaultPage.fill('#timestamps-url', 'ftp://127.0.0.1/tsa');
    await vaultPage.fill('#timestamps-roots', tsa.rootPem);
    await vaultPage.click('#timestamps-save');
    await vaultPage.waitForSelector('#timestamps-status[data-state=error]');
    await vaultPage.fill('#timestamps-url', server.url);
    await vaultPage.click('#timestamps-save');
    await vaultPage.waitForSelector('#timestamps-status[data-state=done]');
    expect(await vaultPage.textContent('#timestamps-root-subjects')).toContain('CN=E2E Root');
    expect(server.requests).toBe(0);

    const itemId = await captureFixture();
    await expect.poll(() => server.requests, { timeout: 30_000 }).toBe(1);
    const stamped = await exportOne(vaultPage, itemId);
    await checkStamped(stamped, 'online');
    await checkVerifyPages(stamped.path, itemId);
    expect(server.requests).toBe(1);
  });

  it('queues a capture while the authority is down and sends it with "send now"', async () => {
    const vaultPage = await suite.session.vaultPage();
    await server.close();
    const itemId = await captureFixture();
    await openSettings(vaultPage);
    await vaultPage.waitForSelector('#timestamps-queue[data-pending="1"]');
    await vaultPage.waitForSelector('#timestamps-last-error', { timeout: 30_000 });
    const early = await exportOne(vaultPage, itemId);
    expect(early.tsr).toBeUndefined();

    server = await startTsaServer(tsa, port);
    await openSettings(vaultPage);
    await vaultPage.click('#timestamps-send-now');
    await vaultPage.waitForSelector('#timestamps-queue[data-pending="0"]', { timeout: 30_000 });
    expect(await vaultPage.getAttribute('#timestamps-queue-status', 'data-state')).toBe('done');
    expect(server.requests).toBe(1);
    await checkStamped(await exportOne(vaultPage, itemId), 'offline');
  });
});
