// SPDX-License-Identifier: AGPL-3.0-or-later
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { ExportProgress, ExportStage } from '../../lib/bundle/progress';
import { bytesSource } from '../../lib/bundle/source';
import { verifyBundle } from '../../lib/bundle/verify';
import { writeBundle } from '../../lib/bundle/write';
import { writePackZip } from '../../lib/bundle/write-pack';
import { utf8Encode } from '../../lib/crypto/bytes';
import { randomId, sha256Hex, signDetached } from '../../lib/crypto/index';
import { createBundleExtras } from '../../lib/export/bundle-extras';
import { createVaultAccess } from '../../lib/export/create-vault-access';
import type { VaultAccess } from '../../lib/export/vault-access';
import { createStreamZlib } from '../../lib/reports/zlib-streams';
import { decodeForTest, packFixture } from './support/pack-fixture';
import { reportFonts } from './support/report-fixture';
import { PASSPHRASE, createHarness, type VaultHarness } from './support/vault-fixtures';

const CHECK_BUNDLE = resolve(import.meta.dirname, '../../../shared/checks/check-bundle');

let h: VaultHarness;
let access: VaultAccess;
let ids: string[];
const saved: Array<{ bytes: Uint8Array; filename: string }> = [];

const exportedEvents = async () =>
  (await h.vault.custodyLines()).filter(
    (l) => (JSON.parse(l) as { type?: string }).type === 'exported',
  ).length;

beforeAll(async () => {
  fakeBrowser.reset();
  h = createHarness();
  await h.vault.create({ passphrase: PASSPHRASE, collectorName: 'Amina K.' });
  const { fingerprint } = await h.vault.identity();
  ids = [];
  for (const p of await packFixture()) {
    const item = { ...p.item, collector: { name: 'Amina K.', fingerprint } };
    await h.vault.commitCapture({ item, files: p.files });
    ids.push(item.id);
  }
  access = createVaultAccess({
    vault: h.vault,
    writeBundle,
    signDetached,
    sha256Hex,
    randomId,
    generator: { name: 'Attest', version: '0.1.0', browser: 'test' },
    save: (bytes, filename) => {
      saved.push({ bytes, filename });
      return Promise.resolve(saved.length);
    },
    pack: { decode: decodeForTest, writePackZip },
    extras: createBundleExtras({
      lang: 'en',
      loadFonts: () => Promise.resolve(reportFonts()),
      loadVerifier: () => Promise.resolve(utf8Encode('<!doctype html><title>verify</title>\n')),
      classification: (itemId) => h.vault.getClassification(itemId),
      zlib: createStreamZlib(),
    }),
  });
}, 60_000);

/** Exports every item, cancelling at the first progress `cancelAt` accepts. */
async function exportCancelledAt(cancelAt: (p: ExportProgress) => boolean) {
  const controller = new AbortController();
  const seen: ExportProgress[] = [];
  let afterCancel = 0;
  const outcome = await access
    .exportItems(ids, {
      signal: controller.signal,
      onProgress: (p) => {
        if (controller.signal.aborted) afterCancel++;
        seen.push(p);
        if (!controller.signal.aborted && cancelAt(p)) controller.abort();
      },
    })
    .then(
      (result) => ({ result, error: null }),
      (error: unknown) => ({ result: null, error }),
    );
  return { ...outcome, seen, afterCancel, cancelled: controller.signal.aborted };
}

describe('export progress and cancel', () => {
  it('reports each stage in order, with counts within their totals', async () => {
    const before = saved.length;
    const { result, seen } = await exportCancelledAt(() => false);
    expect(result?.filename).toMatch(/\.zip$/);
    expect(saved).toHaveLength(before + 1);
    const stages = seen.map((p) => p.stage).filter((s, i, all) => s !== all[i - 1]);
    expect(stages).toEqual(['items', 'report', 'signing', 'zip', 'saving']);
    for (const p of seen) {
      expect(p.done).toBeGreaterThanOrEqual(0);
      expect(p.done).toBeLessThanOrEqual(p.total);
    }
    expect(seen.find((p) => p.stage === 'items')?.total).toBe(ids.length);
    // JSZip's own progress arrives between the stage's start and its end.
    expect(seen.some((p) => p.stage === 'zip' && p.done > 0 && p.done < 100)).toBe(true);
  }, 120_000);

  const stages: Array<[ExportStage, (p: ExportProgress) => boolean]> = [
    ['items', (p) => p.stage === 'items' && p.done === 1],
    ['report', (p) => p.stage === 'report' && p.done === 1],
    ['signing', (p) => p.stage === 'signing' && p.done === 1],
    // Within the ZIP itself, between two of JSZip's chunks.
    ['zip', (p) => p.stage === 'zip' && p.done > 0],
  ];
  it.each(stages)(
    'cancelled while %s: rejects with AbortError, goes no further, saves and logs nothing',
    async (stage, cancelAt) => {
      const savedBefore = saved.length;
      const linesBefore = await h.vault.custodyLines();
      const run = await exportCancelledAt(cancelAt);
      expect(run.cancelled).toBe(true);
      expect(run.result).toBeNull();
      expect((run.error as Error | null)?.name).toBe('AbortError');
      // Stopped at the next seam: nothing reported after the cancel, no later stage reached.
      expect(run.afterCancel).toBe(0);
      expect(run.seen.at(-1)?.stage).toBe(stage);
      expect(saved).toHaveLength(savedBefore);
      expect(await h.vault.custodyLines()).toEqual(linesBefore);
    },
    120_000,
  );

  it('a cancel once the export is logged does not stop it: the file is saved and logged', async () => {
    const events = await exportedEvents();
    const savedBefore = saved.length;
    const run = await exportCancelledAt((p) => p.stage === 'saving');
    expect(run.cancelled).toBe(true);
    expect(run.error).toBeNull();
    expect(saved).toHaveLength(savedBefore + 1);
    expect(await exportedEvents()).toBe(events + 1);
  }, 120_000);

  it('after a cancel, the next export completes and passes check-bundle', async () => {
    const events = await exportedEvents();
    const cancelled = await exportCancelledAt((p) => p.stage === 'report');
    expect((cancelled.error as Error | null)?.name).toBe('AbortError');
    expect(await exportedEvents()).toBe(events);
    const result = await access.exportItems(ids);
    expect(await exportedEvents()).toBe(events + 1);
    const file = saved.at(-1)!;
    expect(file.filename).toBe(result.filename);
    expect((await verifyBundle(bytesSource(file.bytes))).status).toBe('intact');
    const dir = mkdtempSync(join(tmpdir(), 'attest-cancel-'));
    try {
      const path = join(dir, file.filename);
      writeFileSync(path, file.bytes);
      const check = spawnSync(CHECK_BUNDLE, [path], { encoding: 'utf8' });
      expect(check.status, `${check.stdout}${check.stderr}`).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
