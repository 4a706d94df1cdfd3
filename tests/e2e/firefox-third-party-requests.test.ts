// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { drivePuppeteer } from '../../scripts/drive/firefox.ts';
import {
  captureFromPopup,
  downloadedFile,
  exportItems,
  setUpVault,
} from '../../scripts/drive/flow.ts';
import { useFirefox } from './support/suites.ts';
import {
  assetHash,
  controlRequests,
  crossOriginPostUrl,
  expectCaptureUnseen,
  exportedItem,
  inlinedHashes,
  startThirdPartyRecorder,
} from './support/third-party-requests.ts';

describe('Firefox ESR: what the servers of a captured page see', () => {
  const suite = useFirefox('third-party-requests');

  it("sends the attacker's server only what the page's own script could, and keeps the files", async () => {
    const { session, server } = suite;
    const vaultPage = await session.vaultPage();
    const vault = drivePuppeteer(vaultPage);
    await setUpVault(vault, 'E2E Collector');
    // The per-install UUID of moz-extension:// addresses.
    const uuid = await vaultPage.evaluate(() => location.host);
    const recorder = await startThirdPartyRecorder();
    const other = recorder.server.origin;
    try {
      recorder.setPhase('visit');
      const visit = await session.browser.newPage();
      await visit.goto(recorder.cookiePage, { waitUntil: 'load' });
      await visit.close();

      recorder.setPhase('page');
      const page = await session.browser.newPage();
      await page.goto(crossOriginPostUrl(server.origin, other), { waitUntil: 'load' });
      await page.waitForFunction(() => [...document.images].every((i) => i.complete));
      recorder.setPhase('reference');
      // What the page's own script sends when it fetches a file of the other site it may not read.
      await page.evaluate(
        (url) => fetch(url, { mode: 'no-cors', credentials: 'omit' }).then(() => 'sent'),
        `${other}/media-post/photo-1.png?reference`,
      );
      await page.bringToFront();

      recorder.setPhase('capture');
      const itemId = await captureFromPopup(drivePuppeteer(await session.openPopup(vaultPage)));
      recorder.setPhase('control');
      expect(await vaultPage.evaluate(controlRequests(other))).toBe(204);
      recorder.setPhase('export');
      expectCaptureUnseen(recorder, [uuid], 'moz-extension:');
      // Firefox reads them again from the network (its cache is not shared with the content script).
      expect(recorder.during('capture').length).toBeGreaterThan(0);

      const { downloadId } = await exportItems(vault, [itemId]);
      const { item, read } = await exportedItem(await downloadedFile(vault, downloadId), itemId);
      const media = item.post?.media ?? [];
      const byPath = new Map(item.files.map((f) => [f.path, f]));
      for (const [i, name] of ['photo-1.png', 'photo-2.jpg'].entries()) {
        expect(media[i]?.url).toBe(`${other}/media-post/${name}`);
        expect(media[i]?.sha256).toBe(assetHash(name));
        expect(byPath.get(media[i]?.path ?? '')?.sha256).toBe(assetHash(name));
      }
      const archive = item.files.find((f) => f.role === 'page-archive-html');
      const html = new TextDecoder().decode(await read(archive?.path ?? ''));
      const images = inlinedHashes(html, 'image/[a-z]+');
      for (const name of ['photo-1.png', 'photo-2.jpg', 'background.png'])
        expect(images, name).toContain(assetHash(name));
      expect(inlinedHashes(html, 'font/woff2')).toContain(assetHash('fixture-font.woff2'));
      expect((item.notes ?? []).filter((n) => n.includes('media') || n.startsWith('HTML'))).toEqual(
        [],
      );
      await page.close();
    } finally {
      await recorder.close();
    }
  });
});
