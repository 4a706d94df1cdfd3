// SPDX-License-Identifier: AGPL-3.0-or-later
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  drivePlaywright,
  launchChromium,
  type ChromiumSession,
} from '../../scripts/drive/chromium.ts';
import { startFixtureServer, type FixtureServer } from '../../scripts/drive/fixture-server.ts';
import {
  captureFromPopup,
  downloadedFile,
  exportItems,
  setUpVault,
} from '../../scripts/drive/flow.ts';
import { assertExportedBundle } from './support/backbone-assertions.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('Chromium: setup → capture → export → verify', () => {
  let server: FixtureServer;
  let session: ChromiumSession;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'attest-e2e-chromium-'));
    server = await startFixtureServer(join(ROOT, 'tests/fixtures/pages'));
    session = await launchChromium({
      extensionDir: join(ROOT, '.output/chrome-mv3'),
      userDataDir: join(work, 'profile'),
    });
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('exports a bundle that our verifier, sha256sum and gpg accept', async () => {
    const vault = drivePlaywright(await session.vaultPage());
    const fingerprint = await setUpVault(vault, 'E2E Collector');

    const page = await session.context.newPage();
    await page.goto(server.url('threat-post.html'));
    await page.bringToFront();
    const itemId = await captureFromPopup(drivePlaywright(await session.openPopup()));
    expect(itemId).toMatch(/^[0-9a-f]{32}$/);

    const { downloadId, filename } = await exportItems(vault, [itemId]);
    const bundle = await downloadedFile(vault, downloadId);
    expect(filename).toMatch(/^attest-.*\.zip$/);
    await assertExportedBundle({
      bundle,
      itemId,
      fingerprint,
      pageUrl: server.url('threat-post.html'),
      pageTitle: await page.title(),
      browserName: 'chrom',
    });
  });
});
