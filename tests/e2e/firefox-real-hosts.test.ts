// SPDX-License-Identifier: AGPL-3.0-or-later
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemJson } from '../../lib/model/item.ts';
import { drivePuppeteer, launchFirefox, type FirefoxSession } from '../../scripts/drive/firefox.ts';
import { downloadedFile, exportItems, setUpVault } from '../../scripts/drive/flow.ts';
import { openBundle } from './support/bundle-contents.ts';
import { waitForPicker } from './support/picker.ts';
import { hostFixtures, type HostedFixtures } from './support/https-hosts.ts';
import { assertThreadPostMedia, THREAD_MEDIA_ROUTES } from './support/post-media-assertions.ts';
import { checkWithStockTools } from './support/stock-checks.ts';
import { assertThreadItems } from './support/thread-assertions.ts';
import { ROOT } from './support/suites.ts';

const THREAD_PATH = '/darko_v_1988/status/1764000000000000101';
const REDDIT_PATH = '/r/exampletown/comments/1b4abcd/slug/';

// Fixtures served as x.com and www.reddit.com over HTTPS through a local CONNECT proxy (the
// Firefox counterpart of Chromium's --host-resolver-rules), so each extractor is chosen by the
// page's real host, as in use.
describe('Firefox ESR: post capture on pages served as x.com and www.reddit.com', () => {
  let hosted: HostedFixtures;
  let session: FirefoxSession;
  let work: string;
  let vaultPage: Page;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'attest-e2e-firefox-hosts-'));
    hosted = await hostFixtures({
      dir: work,
      hosts: ['x.com', 'www.reddit.com'],
      routes: {
        ...THREAD_MEDIA_ROUTES,
        [`x.com${THREAD_PATH}`]: join(ROOT, 'tests/fixtures/pages/thread-10.html'),
        [`www.reddit.com${REDDIT_PATH}`]: join(
          ROOT,
          'tests/fixtures/platforms/reddit/post-plain.html',
        ),
      },
    });
    session = await launchFirefox({
      extensionDir: join(ROOT, '.output/firefox-mv2'),
      downloadsDir: work,
      prefs: hosted.firefoxPrefs,
      acceptInsecureCerts: true,
    });
    vaultPage = await session.vaultPage();
    await setUpVault(drivePuppeteer(vaultPage), 'E2E Collector');
  });

  afterAll(async () => {
    await session?.close();
    await hosted?.close();
    rmSync(work, { recursive: true, force: true });
  });

  async function exported(ids: string[], timeoutMs?: number) {
    const vault = drivePuppeteer(vaultPage);
    const { downloadId } = await exportItems(vault, ids, timeoutMs);
    const path = await downloadedFile(vault, downloadId);
    const bundle = await openBundle(path);
    const items = await Promise.all(
      ids.map((id) => bundle.json<ItemJson>(`items/${id}/item.json`)),
    );
    return { path, bundle, items };
  }

  /** Item ids listed on the vault page (brought to the front, as the user would look at it). */
  async function listedItems(): Promise<string[]> {
    await vaultPage.bringToFront();
    await drivePuppeteer(vaultPage).reload();
    await vaultPage.waitForSelector('#item-list', { timeout: 30_000 });
    await new Promise((r) => setTimeout(r, 300));
    return vaultPage.$$eval('#item-list [data-item-id]', (els) =>
      els.map((e) => e.getAttribute('data-item-id') ?? ''),
    );
  }

  /** Opens `url` in a new tab, picks the element matched by `selector` and returns the item id. */
  async function pickPost(url: string, selector: string): Promise<string> {
    const page = await session.browser.newPage();
    await page.goto(url);
    await page.bringToFront();
    expect(await page.evaluate(() => location.href)).toBe(url);
    const box = await page.evaluate((s) => {
      const r = document.querySelector(s)?.getBoundingClientRect();
      return { x: (r?.x ?? 0) + 20, y: (r?.y ?? 0) + (r?.height ?? 0) / 2 };
    }, selector);
    const popup = await session.openPopup(vaultPage);
    await popup.waitForSelector('#capture-post-button');
    await popup.click('#capture-post-button');
    await waitForPicker(drivePuppeteer(page), true);
    await page.mouse.move(box.x, box.y);
    await page.mouse.click(box.x, box.y);
    await popup.waitForSelector(
      '#capture-status[data-state="done"], #capture-status[data-state="error"]',
      { timeout: 60_000 },
    );
    const [state, text] = await popup.$eval('#capture-status', (e) => [
      e.getAttribute('data-state'),
      e.textContent,
    ]);
    expect(state, text ?? '').toBe('done');
    const id = await popup.$eval('#capture-status', (e) => e.getAttribute('data-item-id'));
    await popup.close();
    return id ?? '';
  }

  it('picks a post on x.com: the X extractor’s fields and the post’s media in the bundle', async () => {
    const itemId = await pickPost(
      `https://x.com${THREAD_PATH}`,
      'article[data-fixture-index="3"] [data-testid="tweetText"]',
    );
    const { path, bundle, items } = await exported([itemId]);
    const item = items[0] as ItemJson;
    expect(item.source.url).toBe(`https://x.com${THREAD_PATH}`);
    expect(item.post).toMatchObject({
      platform: 'x',
      id: '1764000000000000103',
      url: 'https://x.com/pavel_novak_77/status/1764000000000000103',
      text: 'Found her phone number, sharing soon.',
      postedAt: '2024-03-04T10:15:00.000Z',
      author: {
        handle: 'pavel_novak_77',
        displayName: 'Pavel Novák',
        url: 'https://x.com/pavel_novak_77',
      },
    });
    const { sha256sum } = checkWithStockTools(path);
    await assertThreadPostMedia({
      bundle,
      item,
      origin: 'https://x.com',
      sha256sumOutput: sha256sum,
    });
  });

  it('captures all 10 posts of a thread on x.com and the page as 11 grouped items; the bundle verifies', async () => {
    const before = new Set(await listedItems());
    const page = await session.browser.newPage();
    await page.goto(`https://x.com${THREAD_PATH}`);
    await page.bringToFront();
    const popup = await session.openPopup(vaultPage);
    await popup.waitForSelector('#capture-thread-button');
    await popup.click('#capture-thread-button');
    await popup.waitForSelector('#thread-progress[data-state="done"], #thread-error', {
      timeout: 120_000,
    });
    expect(await popup.$eval('#thread-progress', (e) => e.getAttribute('data-done'))).toBe('11');
    const groupId = await popup.$eval('#thread-progress', (e) => e.getAttribute('data-group-id'));
    await popup.close();
    const ids = (await listedItems()).filter((id) => !before.has(id));
    expect(ids).toHaveLength(11);

    // Building the 11-item bundle took 68 s here on a loaded machine (the export's speed is
    // being worked on separately); the wait leaves room for it, the checks are the Chromium ones.
    const { path, bundle, items } = await exported(ids, 360_000);
    const { sha256sum } = checkWithStockTools(path);
    await assertThreadItems({
      bundle,
      items,
      groupId,
      origin: 'https://x.com',
      dpr: await page.evaluate(() => devicePixelRatio),
      sha256sumOutput: sha256sum,
    });
    await page.close();
  }, 600_000);

  it('picks a post on www.reddit.com: the Reddit extractor’s fields in the bundle', async () => {
    const url = `https://www.reddit.com${REDDIT_PATH}`;
    const itemId = await pickPost(url, 'shreddit-post h1[slot="title"]');
    const { items } = await exported([itemId]);
    expect(items[0]?.post).toEqual({
      platform: 'reddit',
      id: 't3_1b4abcd',
      url,
      title: 'Who is funding this so-called activist?',
      text: 'Her address is public record if you look. Just saying.',
      postedAt: '2024-03-02T10:20:30.123Z',
      postedAtRaw: '1 yr. ago',
      author: {
        handle: 'throwaway_9921',
        id: 't2_8xyzab12',
        url: 'https://www.reddit.com/user/throwaway_9921/',
      },
    });
    expect(items[0]?.notes ?? []).not.toContain('post fields not detected');
  });
});
