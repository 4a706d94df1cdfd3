// SPDX-License-Identifier: AGPL-3.0-or-later
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemJson } from '../../lib/model/item.ts';
import {
  drivePlaywright,
  launchChromium,
  type ChromiumSession,
} from '../../scripts/drive/chromium.ts';
import {
  captureFromPopup,
  downloadedFile,
  exportItems,
  setUpVault,
} from '../../scripts/drive/flow.ts';
import { openBundle } from './support/bundle-contents.ts';
import { hostFixtures, type HostedFixtures } from './support/https-hosts.ts';
import { waitForPicker } from './support/picker.ts';
import { pngSize } from './support/png.ts';
import { assertThreadPostMedia, THREAD_MEDIA_ROUTES } from './support/post-media-assertions.ts';
import { checkWithStockTools } from './support/stock-checks.ts';
import { assertThreadItems } from './support/thread-assertions.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const THREAD_URL = 'https://x.com/darko_v_1988/status/1764000000000000101';
const STATUS_URL = 'https://x.com/darko_v_1988/status/1764000000000000001';

/** Item ids listed on the vault page, newest state. */
async function listedItems(vault: Page): Promise<string[]> {
  await vault.reload();
  await vault.waitForSelector('#item-list', { state: 'attached' });
  await vault.waitForTimeout(300);
  return vault.$$eval('#item-list [data-item-id]', (els) =>
    els.map((e) => e.getAttribute('data-item-id') ?? ''),
  );
}

async function bundleItems(vault: Page, ids: string[]) {
  const driven = drivePlaywright(vault);
  const { downloadId } = await exportItems(driven, ids);
  const path = await downloadedFile(driven, downloadId);
  const bundle = await openBundle(path);
  const items = await Promise.all(ids.map((id) => bundle.json<ItemJson>(`items/${id}/item.json`)));
  return { path, bundle, items };
}

describe('Chromium: post capture through the picker, thread capture, X served as x.com', () => {
  let hosted: HostedFixtures;
  let session: ChromiumSession;
  let work: string;
  let vault: Page;
  let page: Page;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'attest-e2e-chromium-post-'));
    hosted = await hostFixtures({
      dir: work,
      hosts: ['x.com'],
      routes: {
        ...THREAD_MEDIA_ROUTES,
        '/darko_v_1988/status/1764000000000000101': join(
          ROOT,
          'tests/fixtures/pages/thread-10.html',
        ),
        '/darko_v_1988/status/1764000000000000001': join(
          ROOT,
          'tests/fixtures/platforms/x/status-plain.html',
        ),
      },
    });
    session = await launchChromium({
      extensionDir: join(ROOT, '.output/chrome-mv3'),
      userDataDir: join(work, 'profile'),
      extraArgs: [hosted.resolverRule, '--ignore-certificate-errors'],
    });
    vault = await session.vaultPage();
    await setUpVault(drivePlaywright(vault), 'E2E Collector');
    page = await session.context.newPage();
    await page.goto(THREAD_URL);
    await page.bringToFront();
  });

  afterAll(async () => {
    await session?.close();
    await hosted?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('captures the clicked post: element screenshot of its exact size, its HTML, fields and media', async () => {
    const target = 'article[data-fixture-index="3"]';
    const geometry = await page.evaluate((sel) => {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      return {
        x: r?.x ?? 0,
        y: r?.y ?? 0,
        width: r?.width ?? 0,
        height: r?.height ?? 0,
        dpr: devicePixelRatio,
      };
    }, target);
    expect(geometry.y + geometry.height).toBeLessThan(800);
    const popup = await session.openPopup();
    await popup.click('#capture-post-button');
    await waitForPicker(drivePlaywright(page), true);
    // Hover, then click inside the post's text: the picker snaps to the whole post.
    await page.mouse.move(geometry.x + 40, geometry.y + 60);
    await page.mouse.click(geometry.x + 40, geometry.y + 60);
    await popup.waitForSelector(
      '#capture-status[data-state="done"], #capture-status[data-state="error"]',
      {
        timeout: 60_000,
      },
    );
    expect(await popup.getAttribute('#capture-status', 'data-state')).toBe('done');
    const itemId = (await popup.getAttribute('#capture-status', 'data-item-id')) ?? '';
    await waitForPicker(drivePlaywright(page), false);
    expect(await page.evaluate(() => document.documentElement.children.length)).toBe(2);

    const { path, bundle, items } = await bundleItems(vault, [itemId]);
    const item = items[0] as ItemJson;
    const shot = item.files.find((f) => f.role === 'screenshot-element');
    expect(shot?.mediaType).toBe('image/png');
    const size = pngSize(await bundle.bytes(`items/${itemId}/${shot?.path ?? ''}`));
    expect(size).toEqual({
      width: Math.round(geometry.width * geometry.dpr),
      height: Math.round(geometry.height * geometry.dpr),
    });
    const html = await bundle.text(`items/${itemId}/element.html`);
    expect(html).toContain('Found her phone number');
    expect(html).not.toContain('Make her regret');
    expect(item.files.map((f) => f.role)).toEqual(
      expect.arrayContaining([
        'screenshot-visible',
        'screenshot-full',
        'dom-snapshot',
        'element-snapshot',
      ]),
    );
    expect(item.post).toMatchObject({
      platform: 'x',
      id: '1764000000000000103',
      url: 'https://x.com/pavel_novak_77/status/1764000000000000103',
      text: 'Found her phone number, sharing soon.',
      postedAt: '2024-03-04T10:15:00.000Z',
      author: { handle: 'pavel_novak_77', displayName: 'Pavel Novák' },
    });
    expect(item.notes ?? []).not.toContain('post fields not detected');
    // The clicked post's image and video poster, not the page's: hashed, listed, confirmed.
    const { sha256sum } = checkWithStockTools(path);
    await assertThreadPostMedia({
      bundle,
      item,
      origin: 'https://x.com',
      sha256sumOutput: sha256sum,
    });
    expect(item.post?.media?.[1]).toMatchObject({ type: 'video' });
  });

  it('Esc cancels the picker: nothing is stored and the page is left as it was', async () => {
    const before = await listedItems(vault);
    await page.bringToFront();
    const popup = await session.openPopup();
    await popup.click('#capture-post-button');
    await waitForPicker(drivePlaywright(page), true);
    await page.keyboard.press('Escape');
    await popup.waitForSelector('#capture-status[data-state="cancelled"]', { timeout: 30_000 });
    await waitForPicker(drivePlaywright(page), false);
    expect(await page.evaluate(() => document.documentElement.children.length)).toBe(2);
    expect((await listedItems(vault)).sort()).toEqual(before.sort());
  });

  it('captures all 10 posts and the page as 11 grouped items; the bundle verifies', async () => {
    const before = new Set(await listedItems(vault));
    await page.bringToFront();
    const popup = await session.openPopup();
    await popup.click('#capture-thread-button');
    await popup.waitForSelector('#thread-progress[data-state="done"], #thread-error', {
      timeout: 120_000,
    });
    expect(await popup.getAttribute('#thread-progress', 'data-done')).toBe('11');
    const groupId = await popup.getAttribute('#thread-progress', 'data-group-id');
    const ids = (await listedItems(vault)).filter((id) => !before.has(id));
    expect(ids).toHaveLength(11);

    const { path, bundle, items } = await bundleItems(vault, ids);
    const { sha256sum } = checkWithStockTools(path);
    await assertThreadItems({
      bundle,
      items,
      groupId,
      origin: 'https://x.com',
      dpr: await page.evaluate(() => devicePixelRatio),
      sha256sumOutput: sha256sum,
    });
  });

  it('exports the post fields of an X status page served as x.com', async () => {
    await page.goto(STATUS_URL);
    await page.bringToFront();
    const itemId = await captureFromPopup(drivePlaywright(await session.openPopup()));
    const { items } = await bundleItems(vault, [itemId]);
    expect(items[0]?.source.url).toBe(STATUS_URL);
    expect(items[0]?.post).toMatchObject({
      platform: 'x',
      id: '1764000000000000001',
      url: STATUS_URL,
      postedAt: '2024-03-02T16:05:11.000Z',
      author: {
        handle: 'darko_v_1988',
        displayName: 'Darko Vuković',
        url: 'https://x.com/darko_v_1988',
      },
    });
    expect(items[0]?.post?.text).toContain('Everyone knows what she did.');
  });
});
