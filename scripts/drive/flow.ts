// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The user's path through the extension's own pages, written once for Playwright (Chromium) and
 * puppeteer (Firefox). Only stable element ids are used, so translations do not break it.
 */

export interface DrivenPage {
  waitFor(selector: string, timeoutMs?: number): Promise<void>;
  click(selector: string): Promise<void>;
  fill(selector: string, text: string): Promise<void>;
  attr(selector: string, name: string): Promise<string | null>;
  text(selector: string): Promise<string>;
  evaluate<T>(fn: string): Promise<T>;
  reload(): Promise<void>;
}

export const PASSPHRASE = 'correct horse battery staple violet 42';

/** First-run setup on the vault page; returns the collector key fingerprint shown to the user. */
export async function setUpVault(vault: DrivenPage, name: string): Promise<string> {
  await vault.waitFor('#setup-passphrase', 30_000);
  await vault.fill('#setup-name', name);
  await vault.fill('#setup-passphrase', PASSPHRASE);
  await vault.fill('#setup-passphrase-confirm', PASSPHRASE);
  await vault.click('#setup-submit');
  await vault.waitFor('#fingerprint', 60_000);
  const fingerprint = (await vault.text('#fingerprint')).replace(/\s+/g, '');
  if (!/^[0-9A-F]{40}$/i.test(fingerprint))
    throw new Error(`unexpected fingerprint "${fingerprint}"`);
  return fingerprint.toUpperCase();
}

/** Clicks "capture" in the popup and waits for the committed item id. */
export async function captureFromPopup(popup: DrivenPage): Promise<string> {
  await popup.waitFor('#capture-button', 30_000);
  await popup.click('#capture-button');
  await popup.waitFor(
    '#capture-status[data-state="done"], #capture-status[data-state="error"]',
    60_000,
  );
  const state = await popup.attr('#capture-status', 'data-state');
  if (state !== 'done') throw new Error(`capture failed: ${await popup.text('#capture-status')}`);
  const id = await popup.attr('#capture-status', 'data-item-id');
  if (!id) throw new Error('capture status has no item id');
  return id;
}

/** Selects the given items on the vault page, exports them and returns the download id and file name. */
export async function exportItems(
  vault: DrivenPage,
  itemIds: string[],
  /** How long to wait for the export to finish; large screenshots make the report slow to build. */
  timeoutMs = 120_000,
): Promise<{ downloadId: number; filename: string }> {
  await vault.reload();
  for (const id of itemIds) {
    await vault.waitFor(`#item-list [data-item-id="${id}"]`, 30_000);
    await vault.click(`#item-list [data-item-id="${id}"] input.export-select`);
  }
  await vault.click('#export-button');
  await vault.waitFor(
    '#export-status[data-state="done"], #export-status[data-state="error"]',
    timeoutMs,
  );
  const state = await vault.attr('#export-status', 'data-state');
  if (state !== 'done') throw new Error(`export failed: ${await vault.text('#export-status')}`);
  const downloadId = Number(await vault.attr('#export-status', 'data-download-id'));
  if (!Number.isInteger(downloadId)) throw new Error('export status has no download id');
  const filename = (await vault.attr('#export-status', 'data-filename')) ?? '';
  if (!/^[A-Za-z0-9._-]+\.zip$/.test(filename))
    throw new Error(`unexpected bundle file name "${filename}"`);
  return { downloadId, filename };
}

/** Asks the browser (from an extension page) where a finished download was written. */
export async function downloadedFile(page: DrivenPage, downloadId: number): Promise<string> {
  for (let i = 0; i < 120; i++) {
    const result = await page.evaluate<{ state: string; filename: string; error?: string } | null>(
      `(async () => { const api = globalThis.browser ?? globalThis.chrome;
        const [d] = await api.downloads.search({ id: ${downloadId} });
        return d ? { state: d.state, filename: d.filename, error: d.error } : null; })()`,
    );
    if (result?.state === 'complete') return result.filename;
    if (result?.state === 'interrupted') throw new Error(`download interrupted: ${result.error}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('download did not complete');
}
