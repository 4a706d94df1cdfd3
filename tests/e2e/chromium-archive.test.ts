// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { drivePlaywright } from '../../scripts/drive/chromium.ts';
import {
  captureFromPopup,
  downloadedFile,
  exportItems,
  setUpVault,
} from '../../scripts/drive/flow.ts';
import { assertMediaPostBundle, MEDIA_POST } from './support/archive-assertions.ts';
import { useChromium } from './support/suites.ts';

describe('Chromium: self-contained HTML archive and post media', () => {
  const suite = useChromium('archive');

  it('inlines the page and stores the post images and video poster as hashed media', async () => {
    const { session, server } = suite;
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
