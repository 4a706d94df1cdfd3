// SPDX-License-Identifier: AGPL-3.0-or-later
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drivePlaywright } from '../../scripts/drive/chromium.ts';
import { startFixtureServer } from '../../scripts/drive/fixture-server.ts';
import {
  captureFromPopup,
  downloadedFile,
  exportItems,
  setUpVault,
} from '../../scripts/drive/flow.ts';
import {
  assertCrossOriginArchive,
  expectShownNotReadable,
  assertMediaPostBundle,
  crossOriginPageUrl,
  MEDIA_POST,
} from './support/archive-assertions.ts';
import type { ItemJson } from '../../lib/model/item.ts';
import { openBundle } from './support/bundle-contents.ts';
import { ROOT, useChromium } from './support/suites.ts';
import { assetHash, mhtmlPartHashes } from './support/third-party-requests.ts';

describe('Chromium: self-contained HTML archive and post media', () => {
  const suite = useChromium('archive');
  let fingerprint: Promise<string> | undefined;
  const vaultReady = async () => {
    const vault = drivePlaywright(await suite.session.vaultPage());
    fingerprint ??= setUpVault(vault, 'E2E Collector');
    return { vault, fingerprint: await fingerprint };
  };

  it('inlines the page and stores the post images and video poster as hashed media', async () => {
    const { session, server } = suite;
    const { vault, fingerprint } = await vaultReady();

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

  it("leaves out another origin's images sent without CORS headers, says why, and the MHTML keeps them", async () => {
    const { session, server } = suite;
    const { vault } = await vaultReady();
    // Another port is another origin; the fixture server sends no CORS headers.
    const other = await startFixtureServer(join(ROOT, 'tests/fixtures/pages'));
    try {
      const page = await session.context.newPage();
      await page.goto(crossOriginPageUrl(server.origin, other.origin));
      await page.waitForLoadState('load');
      // The page itself shows the photo but may not read it.
      await expectShownNotReadable((expression) => page.evaluate(expression), other.origin);
      await page.bringToFront();

      const itemId = await captureFromPopup(drivePlaywright(await session.openPopup()));
      const { downloadId } = await exportItems(vault, [itemId]);
      const bundle = await downloadedFile(vault, downloadId);
      const notes = await assertCrossOriginArchive({
        bundle,
        itemId,
        other: other.origin,
        kept: false,
      });
      // Only the background could download them, and its request would differ from the page's
      // (tests/e2e/chromium-third-party-requests.test.ts).
      const file = (name: string) => `${other.origin}/media-post/${name}`;
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(
        /^HTML archive: 3 resources of another site left out: another site sent it without CORS headers/,
      );
      for (const name of ['photo-2.jpg', 'background.png', 'README.md'])
        expect(notes[0]).toContain(file(name));
      const contents = await openBundle(bundle);
      const item = await contents.json<ItemJson>(`items/${itemId}/item.json`);
      const mhtml = item.files.find((f) => f.role === 'page-archive-mhtml');
      const parts = mhtmlPartHashes(await contents.text(`items/${itemId}/${mhtml?.path ?? ''}`));
      for (const name of ['photo-2.jpg', 'background.png'])
        expect(parts, name).toContain(assetHash(name));
      await page.close();
    } finally {
      await other.close();
    }
  });
});
