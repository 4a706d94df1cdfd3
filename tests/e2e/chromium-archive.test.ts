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
import { assertMediaPostBundle, MEDIA_POST } from './support/archive-assertions.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('Chromium: self-contained HTML archive and post media', () => {
  let server: FixtureServer;
  let session: ChromiumSession;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'attest-e2e-chromium-archive-'));
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

  it('inlines the page and stores the post images and video poster as hashed media', async () => {
    const vault = drivePlaywright(await session.vaultPage());
    const fingerprint = await setUpVault(vault, 'E2E Collector');

    const page = await session.context.newPage();
    await page.goto(server.url(MEDIA_POST.file));
    await page.waitForLoadState('load');
    await page.bringToFront();
    expect(await page.title()).toBe(MEDIA_POST.title);

    const itemId = await captureFromPopup(drivePlaywright(await session.openPopup()));
    const { downloadId } = await exportItems(vault, [itemId]);
    const bundle = await downloadedFile(vault, downloadId);
    const item = await assertMediaPostBundle({
      bundle,
      itemId,
      fingerprint,
      origin: server.origin,
    });
    expect(item.files.map((f) => f.role)).toContain('page-archive-mhtml');
  });
});
