// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { drivePlaywright } from '../../scripts/drive/chromium.ts';
import {
  captureFromPopup,
  downloadedFile,
  exportItems,
  setUpVault,
} from '../../scripts/drive/flow.ts';
import { assertTallPageBundle, TALL_PAGE } from './support/full-page-assertions.ts';
import { useChromium } from './support/suites.ts';

const USER_SCROLL_Y = 1234;

describe('Chromium: full-page screenshot and MHTML archive of a tall page', () => {
  const suite = useChromium('full-page');

  it('stitches the whole page once, restores the scroll, and archives the page as MHTML', async () => {
    const { session, server } = suite;
    const vault = drivePlaywright(await session.vaultPage());
    await setUpVault(vault, 'E2E Collector');

    const page = await session.context.newPage();
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

    const itemId = await captureFromPopup(drivePlaywright(await session.openPopup()));
    expect(await page.evaluate(() => window.scrollY)).toBe(before.scrollY);

    const { downloadId } = await exportItems(vault, [itemId]);
    const bundle = await downloadedFile(vault, downloadId);
    const { item, read } = await assertTallPageBundle({ bundle, itemId, ...before });

    const mhtml = item.files.find((f) => f.role === 'page-archive-mhtml');
    expect(mhtml?.mediaType).toBe('multipart/related');
    const text = Buffer.from(await read(mhtml?.path ?? '')).toString('latin1');
    expect(text).toMatch(/^[A-Za-z-]+: /);
    expect(text.slice(0, 2000)).toMatch(/MIME-Version: 1\.0/i);
    expect(text.slice(0, 2000)).toMatch(/Content-Type: multipart\/related/i);
    // Quoted-printable soft line breaks may split words; join them before looking for the text.
    const body = text.replace(/=\r?\n/g, '');
    for (const n of [1, 7, 12]) expect(body).toContain(`Band ${n}`);
    expect(item.notes ?? []).not.toContainEqual(expect.stringMatching(/MHTML/));
  });
});
