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
import { assertMediaPostBundle, MEDIA_POST } from './support/archive-assertions.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('Firefox ESR: self-contained HTML archive and post media', () => {
  let server: FixtureServer;
  let session: FirefoxSession;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'attest-e2e-firefox-archive-'));
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

  it('inlines the page and stores the post images and video poster as hashed media', async () => {
    const vaultPage = await session.vaultPage();
    const vault = drivePuppeteer(vaultPage);
    const fingerprint = await setUpVault(vault, 'E2E Collector');

    const page = await session.browser.newPage();
    await page.goto(server.url(MEDIA_POST.file), { waitUntil: 'load' });
    await page.bringToFront();
    expect(await page.title()).toBe(MEDIA_POST.title);

    const itemId = await captureFromPopup(drivePuppeteer(await session.openPopup(vaultPage)));
    const { downloadId } = await exportItems(vault, [itemId]);
    const bundle = await downloadedFile(vault, downloadId);
    const item = await assertMediaPostBundle({
      bundle,
      itemId,
      fingerprint,
      origin: server.origin,
    });
    expect(item.files.map((f) => f.role)).not.toContain('page-archive-mhtml');
  });
});
