// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { drivePuppeteer } from '../../scripts/drive/firefox.ts';
import {
  captureFromPopup,
  downloadedFile,
  exportItems,
  setUpVault,
} from '../../scripts/drive/flow.ts';
import { assertMediaPostBundle, MEDIA_POST } from './support/archive-assertions.ts';
import { useFirefox } from './support/suites.ts';

describe('Firefox ESR: self-contained HTML archive and post media', () => {
  const suite = useFirefox('archive');

  it('inlines the page and stores the post images and video poster as hashed media', async () => {
    const { session, server } = suite;
    const vaultPage = await session.vaultPage();
    const vault = drivePuppeteer(vaultPage);
    const fingerprint = await setUpVault(vault, 'E2E Collector');

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
});
