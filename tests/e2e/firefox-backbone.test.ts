// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { drivePuppeteer } from '../../scripts/drive/firefox.ts';
import {
  captureFromPopup,
  downloadedFile,
  exportItems,
  setUpVault,
} from '../../scripts/drive/flow.ts';
import { assertExportedBundle } from './support/backbone-assertions.ts';
import { useFirefox } from './support/suites.ts';

describe('Firefox ESR: setup → capture → export → verify', () => {
  const suite = useFirefox('backbone');

  it('exports a bundle that our verifier, sha256sum and gpg accept', async () => {
    const { session, server } = suite;
    const vaultPage = await session.vaultPage();
    const vault = drivePuppeteer(vaultPage);
    const fingerprint = await setUpVault(vault, 'E2E Collector');

    const page = await session.browser.newPage();
    await page.goto(server.url('threat-post.html'));
    await page.bringToFront();
    const itemId = await captureFromPopup(drivePuppeteer(await session.openPopup(vaultPage)));
    expect(itemId).toMatch(/^[0-9a-f]{32}$/);

    const { downloadId, filename } = await exportItems(vault, [itemId]);
    const bundle = await downloadedFile(vault, downloadId);
    expect(bundle.endsWith(`/${filename}`)).toBe(true);
    await assertExportedBundle({
      bundle,
      itemId,
      fingerprint,
      pageUrl: server.url('threat-post.html'),
      pageTitle: await page.title(),
      browserName: 'firefox',
    });
  });
});
