// SPDX-License-Identifier: AGPL-3.0-or-later
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivePuppeteer, launchFirefox, type FirefoxSession } from '../../scripts/drive/firefox.ts';
import { startFixtureServer, type FixtureServer } from '../../scripts/drive/fixture-server.ts';
import {
  captureFromPopup,
  downloadedFile,
  exportItems,
  setUpVault,
} from '../../scripts/drive/flow.ts';
import { assertExportedBundle } from './support/backbone-assertions.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('Firefox ESR: setup → capture → export → verify', () => {
  let server: FixtureServer;
  let session: FirefoxSession;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'attest-e2e-firefox-'));
    server = await startFixtureServer(join(ROOT, 'tests/fixtures/pages'));
    session = await launchFirefox({
      extensionDir: join(ROOT, '.output/firefox-mv2'),
      downloadsDir: work,
    });
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('exports a bundle that our verifier, sha256sum and gpg accept', async () => {
    const vaultPage = await session.vaultPage();
    const vault = drivePuppeteer(vaultPage);
    const fingerprint = await setUpVault(vault, 'E2E Collector');

    const page = await session.browser.newPage();
    await page.goto(server.url('threat-post.html'));
    await page.bringToFront();
    const itemId = await captureFromPopup(drivePuppeteer(await session.openPopup(vaultPage)));
    expect(itemId).toMatch(/^[0-9a-f]{32}$/);

    const { downloadId, filename } = await exportItems(vault, [itemId]);
    const bundle = await downloadedFile(vault, downloadId);
    expect(bundle.endsWith(`/${filename}`)).toBe(true);
    await assertExportedBundle({
      bundle,
      itemId,
      fingerprint,
      pageUrl: server.url('threat-post.html'),
      pageTitle: await page.title(),
      browserName: 'firefox',
    });
  });
});
