// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { drivePlaywright } from '../../scripts/drive/chromium.ts';
import {
  captureFromPopup,
  downloadedFile,
  exportItems,
  setUpVault,
} from '../../scripts/drive/flow.ts';
import { assertExportedBundle } from './support/backbone-assertions.ts';
import { useChromium } from './support/suites.ts';

describe('Chromium: setup → capture → export → verify', () => {
  const suite = useChromium('backbone');

  it('exports a bundle that our verifier, sha256sum and gpg accept', async () => {
    const { session, server } = suite;
    const vault = drivePlaywright(await session.vaultPage());
    const fingerprint = await setUpVault(vault, 'E2E Collector');

    const page = await session.context.newPage();
    await page.goto(server.url('threat-post.html'));
    await page.bringToFront();
    const itemId = await captureFromPopup(drivePlaywright(await session.openPopup()));
    expect(itemId).toMatch(/^[0-9a-f]{32}$/);

    const { downloadId, filename } = await exportItems(vault, [itemId]);
    const bundle = await downloadedFile(vault, downloadId);
    expect(filename).toMatch(/^attest-.*\.zip$/);
    await assertExportedBundle({
      bundle,
      itemId,
      fingerprint,
      pageUrl: server.url('threat-post.html'),
      pageTitle: await page.title(),
      browserName: 'chrom',
    });
  });
});
