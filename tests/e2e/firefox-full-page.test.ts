// SPDX-License-Identifier: AGPL-3.0-or-later
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTE_NO_MHTML } from '../../lib/capture/archive.ts';
import { drivePuppeteer, launchFirefox, type FirefoxSession } from '../../scripts/drive/firefox.ts';
import { startFixtureServer, type FixtureServer } from '../../scripts/drive/fixture-server.ts';
import {
  captureFromPopup,
  downloadedFile,
  exportItems,
  setUpVault,
} from '../../scripts/drive/flow.ts';
import { assertTallPageBundle, TALL_PAGE } from './support/full-page-assertions.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const USER_SCROLL_Y = 1234;

describe('Firefox ESR: full-page screenshot of a tall page', () => {
  let server: FixtureServer;
  let session: FirefoxSession;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'attest-e2e-firefox-full-'));
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

  it('captures the whole page once, restores the scroll, and notes that MHTML is Chromium-only', async () => {
    const vaultPage = await session.vaultPage();
    const vault = drivePuppeteer(vaultPage);
    await setUpVault(vault, 'E2E Collector');

    const page = await session.browser.newPage();
    await page.goto(server.url(TALL_PAGE.file));
    await page.bringToFront();
    await page.evaluate((y) => window.scrollTo(0, y), USER_SCROLL_Y);
    const before = await page.evaluate(() => ({
      scrollY: window.scrollY,
      scrollHeight: document.documentElement.scrollHeight,
      devicePixelRatio: window.devicePixelRatio,
    }));
    expect(before.scrollY).toBe(USER_SCROLL_Y);
    expect(before.scrollHeight).toBe(6000);

    const itemId = await captureFromPopup(drivePuppeteer(await session.openPopup(vaultPage)));
    expect(await page.evaluate(() => window.scrollY)).toBe(before.scrollY);

    const { downloadId } = await exportItems(vault, [itemId]);
    const bundle = await downloadedFile(vault, downloadId);
    const { item } = await assertTallPageBundle({ bundle, itemId, ...before });
    expect(item.files.map((f) => f.role)).not.toContain('page-archive-mhtml');
    expect(item.notes).toContain(NOTE_NO_MHTML);
    // One tabs.captureTab call, not the stitching fallback.
    expect(item.notes ?? []).not.toContainEqual(expect.stringMatching(/captureTab failed/));
  });
});
