// SPDX-License-Identifier: AGPL-3.0-or-later
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drivePuppeteer } from '../../scripts/drive/firefox.ts';
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
import { ROOT, useFirefox } from './support/suites.ts';

describe('Firefox ESR: self-contained HTML archive and post media', () => {
  const suite = useFirefox('archive');
  let fingerprint: Promise<string> | undefined;
  const vaultReady = async () => {
    const vaultPage = await suite.session.vaultPage();
    const vault = drivePuppeteer(vaultPage);
    fingerprint ??= setUpVault(vault, 'E2E Collector');
    return { vaultPage, vault, fingerprint: await fingerprint };
  };

  it('inlines the page and stores the post images and video poster as hashed media', async () => {
    const { session, server } = suite;
    const { vaultPage, vault, fingerprint } = await vaultReady();

    const page = await session.browser.newPage();
    await page.goto(server.url(MEDIA_POST.file), { waitUntil: 'load' });
    await page.bringToFront();
    expect(await page.title()).toBe(MEDIA_POST.title);

    const itemId = await captureFromPopup(drivePuppeteer(await session.openPopup(vaultPage)));
    const { downloadId } = await exportItems(vault, [itemId]);
    const bundle = await downloadedFile(vault, downloadId);
    const item = await assertMediaPostBundle({
      bundle,
      itemId,
      fingerprint,
      origin: server.origin,
    });
    expect(item.files.map((f) => f.role)).not.toContain('page-archive-mhtml');
  });

  it('inlines images of another origin sent without CORS headers, and no other data', async () => {
    const { session, server } = suite;
    const { vaultPage, vault } = await vaultReady();
    // Another port is another origin; the fixture server sends no CORS headers.
    const other = await startFixtureServer(join(ROOT, 'tests/fixtures/pages'));
    try {
      const page = await session.browser.newPage();
      await page.goto(crossOriginPageUrl(server.origin, other.origin), { waitUntil: 'load' });
      // The page itself shows the photo but may not read it.
      await expectShownNotReadable((expression) => page.evaluate(expression), other.origin);
      await page.bringToFront();

      const itemId = await captureFromPopup(drivePuppeteer(await session.openPopup(vaultPage)));
      const { downloadId } = await exportItems(vault, [itemId]);
      const notes = await assertCrossOriginArchive({
        bundle: await downloadedFile(vault, downloadId),
        itemId,
        other: other.origin,
        kept: true,
      });
      // A content script's fetch in Firefox has the extension's host permission: the page's
      // isolated world reads the files itself, and the text file is still refused.
      expect(notes).toEqual([
        `HTML archive: 1 resources left out, not an image, font or stylesheet: ${other.origin}/media-post/README.md`,
      ]);
      await page.close();
    } finally {
      await other.close();
    }
  });
});
