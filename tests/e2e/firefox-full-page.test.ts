// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { NOTE_NO_MHTML } from '../../lib/capture/archive.ts';
import { drivePuppeteer } from '../../scripts/drive/firefox.ts';
import {
  captureFromPopup,
  downloadedFile,
  exportItems,
  setUpVault,
} from '../../scripts/drive/flow.ts';
import { assertTallPageBundle, TALL_PAGE } from './support/full-page-assertions.ts';
import { useFirefox } from './support/suites.ts';

const USER_SCROLL_Y = 1234;

describe('Firefox ESR: full-page screenshot of a tall page', () => {
  const suite = useFirefox('full-page');

  it('captures the whole page once, restores the scroll, and notes that MHTML is Chromium-only', async () => {
    const { session, server } = suite;
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
