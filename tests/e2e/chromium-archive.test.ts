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
import { ROOT, useChromium } from './support/suites.ts';

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

  it('inlines images of another origin sent without CORS headers, downloaded by the extension, and no other data', async () => {
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
      const notes = await assertCrossOriginArchive({
        bundle: await downloadedFile(vault, downloadId),
        itemId,
        other: other.origin,
      });
      const file = (name: string) => `${other.origin}/media-post/${name}`;
      expect(notes).toHaveLength(2);
      expect(notes[0]).toMatch(
        /^HTML archive: 2 resources the page could not read \(another origin without CORS\) were downloaded by the extension instead: /,
      );
      for (const name of ['photo-2.jpg', 'background.png']) expect(notes[0]).toContain(file(name));
      expect(notes[1]).toBe(
        `HTML archive: 1 resources left out, not an image, font or stylesheet: ${file('README.md')}`,
      );
      await page.close();
    } finally {
      await other.close();
    }
  });
});
