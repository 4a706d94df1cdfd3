// SPDX-License-Identifier: AGPL-3.0-or-later
// What both browsers' private-window tests check once the capture in a private window is made
// and the window closed: the item says where it was made, its export verifies, and Settings
// no longer explains how to allow private windows.
import { expect } from 'vitest';
import { NOTE_PRIVATE_WINDOW } from '../../../lib/capture/capture-tab';
import { downloadedFile, exportItems, type DrivenPage } from '../../../scripts/drive/flow.ts';
import { openBundle } from './bundle-contents.ts';
import { checkWithStockTools, runVerifyCli } from './stock-checks.ts';

export async function expectPrivateCaptureKept(options: {
  browser: 'chromium' | 'firefox';
  vault: DrivenPage;
  itemId: string;
  /** The page captured in the private window. */
  url: string;
  /** What the popup said over the private window. */
  popupText: string;
  /** Where the how-to-allow text sends the user; gone from Settings once allowed. */
  howTo: string;
}): Promise<void> {
  const { browser, vault, itemId, url, popupText, howTo } = options;
  const { downloadId } = await exportItems(vault, [itemId]);
  const bundle = await downloadedFile(vault, downloadId);
  const item = await (
    await openBundle(bundle)
  ).json<{ notes?: string[]; source: { url: string } }>(`items/${itemId}/item.json`);
  const stock = checkWithStockTools(bundle);
  const verify = runVerifyCli(bundle);

  await vault.waitFor('#settings-button', 30_000);
  await vault.click('#settings-button');
  await vault.waitFor('#private-windows[data-allowed="true"]', 30_000);
  const settings = await vault.text('#private-windows');
  console.log(
    `${browser} private window: popup "${popupText}"; item ${itemId} notes ${JSON.stringify(item.notes)}; ` +
      `exported after the window closed, check-bundle "${stock.checkBundle.trim()}", verify exit ${verify.code}; settings "${settings}"`,
  );
  expect(item.source.url).toBe(url);
  expect(item.notes).toContain(NOTE_PRIVATE_WINDOW);
  expect(verify.code, verify.output).toBe(0);
  expect(popupText.length).toBeGreaterThan(0);
  expect(settings).not.toContain(howTo);
}
