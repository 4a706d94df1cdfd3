// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import {
  cancelExport,
  downloadedFile,
  exportItems,
  type DrivenPage,
} from '../../../scripts/drive/flow.ts';
import { checkWithStockTools } from './stock-checks.ts';
import { ROOT } from './suites.ts';

/** Tall full-page screenshots make the report slow enough to be seen and cancelled. */
export const EXPORT_CANCEL_PAGES = ['tall-page.html', 'tall-page.html', 'threat-post.html'];

const EN = JSON.parse(
  readFileSync(join(ROOT, 'public/_locales/en/messages.json'), 'utf8'),
) as Record<string, { message: string }>;

const downloads = (vault: DrivenPage) =>
  vault.evaluate<number>(
    `(async () => (await (globalThis.browser ?? globalThis.chrome).downloads.search({})).length)()`,
  );

/**
 * On the vault page: an export of `itemIds` shows its stage and count, Cancel stops it with no
 * download, the page says so and can export again; the next export completes, passes the stock
 * tools and check-bundle, and its custody log records that one export only.
 */
export async function assertCancelThenExport(vault: DrivenPage, itemIds: string[]): Promise<void> {
  const before = await downloads(vault);
  const cancelled = await cancelExport(vault, itemIds);
  expect(cancelled.progress?.role).toBe('progressbar');
  expect(Number(cancelled.progress?.max)).toBe(itemIds.length);
  expect(Number(cancelled.progress?.now)).toBeLessThan(itemIds.length);
  expect(cancelled.progress?.text).toMatch(/^Step 2 of 4: building the report/);
  expect(cancelled.state, cancelled.message).toBe('cancelled');
  expect(cancelled.message).toBe(EN.exportCancelled!.message);
  // Cancel is gone: the focus it had moved to the status, not to the top of the page.
  expect(await vault.evaluate<string>('document.activeElement?.id ?? ""')).toBe('export-status');
  // Nothing is saved later either: no download appears while the page settles.
  await new Promise((r) => setTimeout(r, 2000));
  expect(await downloads(vault)).toBe(before);
  expect(await vault.attr('#export-button', 'disabled')).toBeNull();
  expect(await vault.evaluate<boolean>(`document.querySelector('#export-cancel') === null`)).toBe(
    true,
  );

  const { downloadId } = await exportItems(vault, itemIds, 300_000);
  const bundle = await downloadedFile(vault, downloadId);
  expect(await downloads(vault)).toBe(before + 1);
  checkWithStockTools(bundle);
  const custody = execFileSync('unzip', ['-p', bundle, 'custody-log.jsonl'], { encoding: 'utf8' });
  const exported = custody
    .trim()
    .split('\n')
    .filter((l) => (JSON.parse(l) as { type?: string }).type === 'exported');
  // The cancelled export left no event: only the completed one is in its own bundle.
  expect(exported).toHaveLength(1);
}
