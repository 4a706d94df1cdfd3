// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import type { ItemJson } from '../../lib/model/item.ts';
import { drivePuppeteer } from '../../scripts/drive/firefox.ts';
import { downloadedFile, exportItems, setUpVault } from '../../scripts/drive/flow.ts';
import { openBundle } from './support/bundle-contents.ts';
import { waitForPicker } from './support/picker.ts';
import { pngSize } from './support/png.ts';
import { useFirefox } from './support/suites.ts';

// Served from 127.0.0.1, the X-like page is read by the generic extractor, which lists no posts:
// the picker then takes the element under the pointer as it is, which this test measures.
describe('Firefox ESR: post capture through the picker', () => {
  const suite = useFirefox('post-capture');

  it('crops the clicked element to its exact size and leaves no trace in the page', async () => {
    const { session, server } = suite;
    const vaultPage = await session.vaultPage();
    const vault = drivePuppeteer(vaultPage);
    await setUpVault(vault, 'E2E Collector');
    const page = await session.browser.newPage();
    await page.goto(server.url('thread-10.html'));
    await page.bringToFront();
    const sel = 'article[data-fixture-index="2"]';
    const box = await page.evaluate((s) => {
      const r = document.querySelector(s)?.getBoundingClientRect();
      return {
        x: r?.x ?? 0,
        y: r?.y ?? 0,
        width: r?.width ?? 0,
        height: r?.height ?? 0,
        dpr: devicePixelRatio,
      };
    }, sel);
    const popup = await session.openPopup(vaultPage);
    await popup.waitForSelector('#capture-post-button');
    await popup.click('#capture-post-button');
    await waitForPicker(drivePuppeteer(page), true);
    // 2 px inside the article's padding: the article itself is under the pointer.
    await page.mouse.move(box.x + 2, box.y + 2);
    await page.mouse.click(box.x + 2, box.y + 2);
    await popup.waitForSelector(
      '#capture-status[data-state="done"], #capture-status[data-state="error"]',
      { timeout: 60_000 },
    );
    const status = await popup.$eval('#capture-status', (e) => [
      e.getAttribute('data-state'),
      e.textContent,
    ]);
    expect(status[0], status[1] ?? '').toBe('done');
    const itemId =
      (await popup.$eval('#capture-status', (e) => e.getAttribute('data-item-id'))) ?? '';
    expect(await page.evaluate(() => document.documentElement.children.length)).toBe(2);

    const { downloadId } = await exportItems(vault, [itemId]);
    const bundle = await openBundle(await downloadedFile(vault, downloadId));
    const item = await bundle.json<ItemJson>(`items/${itemId}/item.json`);
    const shot = item.files.find((f) => f.role === 'screenshot-element');
    expect(pngSize(await bundle.bytes(`items/${itemId}/${shot?.path ?? ''}`))).toEqual({
      width: Math.round(box.width * box.dpr),
      height: Math.round(box.height * box.dpr),
    });
    expect(await bundle.text(`items/${itemId}/element.html`)).toContain('Make her regret');
  });
});
