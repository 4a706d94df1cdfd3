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
  /** Chooses `path` in the file input `selector`. */
  upload(selector: string, path: string): Promise<void>;
  /** Chooses the option whose value is `value` in the <select> `selector`. */
  select(selector: string, value: string): Promise<void>;
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

/** Reloads the vault page and selects the given items for export. */
async function selectForExport(vault: DrivenPage, itemIds: string[]): Promise<void> {
  await vault.reload();
  for (const id of itemIds) {
    await vault.waitFor(`#item-list [data-item-id="${id}"]`, 30_000);
    await vault.click(`#item-list [data-item-id="${id}"] input.export-select`);
  }
}

/**
 * Starts an export of the given items and presses Cancel as soon as its progress bar shows
 * `stage` (from inside the page, at the render that shows it, so a fast machine cannot finish the
 * stage first); waits for the export to end. Returns the progress bar as it was when Cancel was
 * pressed (null if the stage never showed) and how the export ended.
 */
export async function cancelExport(
  vault: DrivenPage,
  itemIds: string[],
  stage = 'report',
  timeoutMs = 120_000,
): Promise<{
  progress: { role: string; now: string; max: string; text: string } | null;
  state: string | null;
  message: string;
}> {
  await selectForExport(vault, itemIds);
  await vault.evaluate(`(() => {
    const bar = '#export-progress[data-stage="${stage}"]';
    globalThis.__attestCancelled = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        const el = document.querySelector(bar);
        const state = document.querySelector('#export-status')?.getAttribute('data-state');
        if (!el && (state === 'working' || !state)) return;
        observer.disconnect();
        if (!el) return resolve(null);
        const seen = {};
        for (const [k, a] of [['role', 'role'], ['now', 'aria-valuenow'], ['max', 'aria-valuemax'], ['text', 'aria-valuetext']])
          seen[k] = el.getAttribute(a);
        document.querySelector('#export-cancel').click();
        resolve(seen);
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    });
  })()`);
  await vault.click('#export-button');
  const progress = await vault.evaluate<{
    role: string;
    now: string;
    max: string;
    text: string;
  } | null>('globalThis.__attestCancelled');
  await vault.waitFor(
    ['cancelled', 'done', 'error'].map((s) => `#export-status[data-state="${s}"]`).join(', '),
    timeoutMs,
  );
  return {
    progress,
    state: await vault.attr('#export-status', 'data-state'),
    message: await vault.text('#export-status'),
  };
}

/** Selects the given items on the vault page, exports them and returns the download id and file name. */
export async function exportItems(
  vault: DrivenPage,
  itemIds: string[],
  /** How long to wait for the export to finish; large screenshots make the report slow to build. */
  timeoutMs = 120_000,
): Promise<{ downloadId: number; filename: string }> {
  await selectForExport(vault, itemIds);
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

/** Defender, in an open case: signs an invitation and returns the block shown to give the ally. */
export async function inviteAlly(
  vault: DrivenPage,
  scope: string,
): Promise<{ armored: string; sha256: string }> {
  await vault.click('#invite-open');
  await vault.fill('#invite-scope', scope);
  await vault.click('#invite-create');
  await vault.waitFor('#invite-result, #invite-status[data-state="error"]', 60_000);
  if ((await vault.attr('#invite-status', 'data-state')) !== 'done')
    throw new Error(`invitation failed: ${await vault.text('#invite-status')}`);
  const armored = await vault.evaluate<string>("document.querySelector('#invite-block').value");
  return { armored, sha256: (await vault.attr('#invite-result', 'data-sha256')) ?? '' };
}

/** Ally, on the cases page: pastes an invitation and checks it; the preview or the refusal code. */
export async function checkInvitation(
  vault: DrivenPage,
  armored: string,
): Promise<{ fingerprint: string; shown: string } | { refused: string }> {
  await vault.waitFor('#accept-text');
  await vault.fill('#accept-text', armored);
  await vault.click('#accept-check');
  await vault.waitFor('#accept-preview, #accept-status[data-state="error"]', 60_000);
  if ((await vault.attr('#accept-status', 'data-state')) === 'error')
    return { refused: (await vault.attr('#accept-status', 'data-code')) ?? '' };
  return {
    fingerprint: (await vault.attr('#accept-preview', 'data-fingerprint')) ?? '',
    shown: await vault.text('#accept-fingerprint'),
  };
}

/** Ally: accepts the checked invitation; resolves with the bound case the page then opens. */
export async function acceptInvitation(vault: DrivenPage): Promise<string> {
  await vault.click('#accept-confirm');
  await vault.waitFor('#case-view #ally-hand-over, #accept-status[data-state="error"]', 60_000);
  const caseId = await vault.evaluate<string | null>(
    "document.querySelector('#case-view')?.getAttribute('data-case-id') ?? null",
  );
  if (!caseId) throw new Error(`accepting failed: ${await vault.text('#accept-status')}`);
  return caseId;
}

/** Ally, in the open bound case: hands it over (deleting the local copies unless `keep`). */
export async function handOverCase(
  vault: DrivenPage,
  timeoutMs = 180_000,
): Promise<{ downloadId: number; filename: string; sha256: string; deleted: number }> {
  await vault.click('#hand-over-button');
  await vault.waitFor(
    '#hand-over-status[data-state="done"], #hand-over-status[data-state="error"]',
    timeoutMs,
  );
  if ((await vault.attr('#hand-over-status', 'data-state')) !== 'done')
    throw new Error(`hand-over failed: ${await vault.text('#hand-over-status')}`);
  const attr = async (n: string) => (await vault.attr('#hand-over-status', n)) ?? '';
  return {
    downloadId: Number(await attr('data-download-id')),
    filename: await attr('data-filename'),
    sha256: await attr('data-sha256'),
    deleted: Number(await attr('data-deleted')),
  };
}

/** Defender, on the cases page: imports a hand-over file; what the page said. */
export async function importHandOver(
  vault: DrivenPage,
  file: string,
  timeoutMs = 120_000,
): Promise<
  { state: 'done'; collector: string; items: number } | { state: 'refused'; reason: string }
> {
  await vault.waitFor('#import-file');
  await vault.upload('#import-file', file);
  await vault.waitFor(
    '#import-status[data-state="done"], #import-status[data-state="refused"]',
    timeoutMs,
  );
  if ((await vault.attr('#import-status', 'data-state')) === 'refused')
    return { state: 'refused', reason: await vault.text('#import-status') };
  return {
    state: 'done',
    collector: (await vault.attr('#import-status', 'data-collector')) ?? '',
    items: Number(await vault.attr('#import-status', 'data-items')),
  };
}
