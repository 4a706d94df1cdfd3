// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { NOT_READABLE_NOTE } from '../../lib/capture/fetch-as-page.ts';
import { drivePlaywright } from '../../scripts/drive/chromium.ts';
import {
  captureFromPopup,
  downloadedFile,
  exportItems,
  setUpVault,
} from '../../scripts/drive/flow.ts';
import { useChromium } from './support/suites.ts';
import {
  assetHash,
  controlRequests,
  crossOriginPostUrl,
  expectCaptureUnseen,
  exportedItem,
  mhtmlPartHashes,
  startThirdPartyRecorder,
} from './support/third-party-requests.ts';

describe('Chromium: what the servers of a captured page see', () => {
  const suite = useChromium('third-party-requests');

  it("sends the attacker's server nothing the page would not, and says which files it left out", async () => {
    const { session, server } = suite;
    const vault = drivePlaywright(await session.vaultPage());
    await setUpVault(vault, 'E2E Collector');
    const recorder = await startThirdPartyRecorder();
    const other = recorder.server.origin;
    try {
      recorder.setPhase('visit');
      const visit = await session.context.newPage();
      await visit.goto(recorder.cookiePage);
      await visit.close();

      recorder.setPhase('page');
      const page = await session.context.newPage();
      await page.goto(crossOriginPostUrl(server.origin, other));
      await page.waitForLoadState('load');
      await page.waitForFunction(() => [...document.images].every((i) => i.complete));
      recorder.setPhase('reference');
      // The page's own script asks for a file of the other site as `fetch(url)` does.
      await page.evaluate(
        (url) =>
          fetch(url).then(
            () => 'read',
            () => 'refused',
          ),
        `${other}/media-post/photo-1.png?reference`,
      );
      await page.bringToFront();

      recorder.setPhase('capture');
      const itemId = await captureFromPopup(drivePlaywright(await session.openPopup()));
      recorder.setPhase('control');
      const vaultPage = await session.vaultPage();
      expect(await vaultPage.evaluate(controlRequests(other))).toBe(204);
      recorder.setPhase('export');
      expectCaptureUnseen(recorder, [session.extensionId], 'chrome-extension:');

      const { downloadId } = await exportItems(vault, [itemId]);
      const { item, read } = await exportedItem(await downloadedFile(vault, downloadId), itemId);
      const notes = item.notes ?? [];
      for (const name of ['photo-1.png', 'photo-2.jpg']) {
        const url = `${other}/media-post/${name}`;
        expect(item.post?.media?.map((m) => m.url)).toContain(url);
        expect(notes).toContain(`media not downloaded: ${NOT_READABLE_NOTE}: ${url}`);
      }
      expect(item.files.filter((f) => f.role === 'media')).toEqual([]);
      const archiveNote = notes.find((n) => n.includes('resources of another site left out'));
      expect(archiveNote, notes.join('\n')).toContain(`${other}/media-post/photo-2.jpg`);
      // The browser's MHTML archive keeps what the page showed, made without a request.
      const mhtml = item.files.find((f) => f.role === 'page-archive-mhtml');
      const parts = mhtmlPartHashes(new TextDecoder().decode(await read(mhtml?.path ?? '')));
      for (const name of ['photo-1.png', 'photo-2.jpg', 'background.png'])
        expect(parts, name).toContain(assetHash(name));
      await page.close();
    } finally {
      await recorder.close();
    }
  });
});
