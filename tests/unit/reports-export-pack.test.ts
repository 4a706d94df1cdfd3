// SPDX-License-Identifier: AGPL-3.0-or-later
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { writeBundle } from '../../lib/bundle/write';
import { writePackZip } from '../../lib/bundle/write-pack';
import { randomId, sha256Hex, signDetached } from '../../lib/crypto/index';
import { createVaultAccess } from '../../lib/export/create-vault-access';
import type { VaultAccess } from '../../lib/export/vault-access';
import { verifyBytes } from './support/bundle-fixture';
import { NCII_SECRETS, decodeForTest, packFixture, type FixtureItem } from './support/pack-fixture';
import { PASSPHRASE, createHarness, type VaultHarness } from './support/vault-fixtures';

let h: VaultHarness;
let access: VaultAccess;
let items: FixtureItem[];
const saved = new Map<string, Uint8Array>();

beforeAll(async () => {
  fakeBrowser.reset();
  h = createHarness();
  await h.vault.create({ passphrase: PASSPHRASE, collectorName: 'Amina K.' });
  const { fingerprint } = await h.vault.identity();
  items = await packFixture();
  for (const p of items) {
    const item = { ...p.item, collector: { name: 'Amina K.', fingerprint } };
    p.item = item;
    await h.vault.commitCapture({ item, files: p.files });
    if (p.classification) {
      // saveClassification stamps its own updatedAt.
      await h.vault.saveClassification(item.id, p.classification);
    }
  }
  access = createVaultAccess({
    vault: h.vault,
    writeBundle,
    signDetached,
    sha256Hex,
    randomId,
    generator: { name: 'Attest', version: '0.1.0', browser: 'test' },
    save: (bytes, filename) => {
      saved.set(filename, bytes);
      return Promise.resolve(saved.size);
    },
    pack: { decode: decodeForTest, writePackZip },
  });
}, 60_000);

describe('exporting from the vault page', () => {
  it('exports the pack alone, signed, logs it, and leaks no NCII bytes', async () => {
    const ids = items.map((p) => p.item.id);
    await h.vault.updateSettings({ notifierEmail: 'amina@example.org' });
    const result = await access.exportPack(ids);
    expect(result.filename).toMatch(/^attest-pack-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.zip$/);
    const zip = saved.get(result.filename)!;
    const archive = await JSZip.loadAsync(zip);
    expect(Object.keys(archive.files).filter((n) => !n.startsWith('notices/'))).toEqual([
      'SHA256SUMS',
      'SHA256SUMS.asc',
      'collector-key.asc',
      'README.txt',
    ]);
    const dsa = await archive.file('notices/x-dsa-art16.txt')!.async('string');
    expect(dsa).toContain('Email: amina@example.org');
    for (const f of items[2]!.files)
      expect(Buffer.from(zip).indexOf(Buffer.from(f.bytes))).toBe(-1);
    const last = JSON.parse((await h.vault.custodyLines()).at(-1)!) as {
      type: string;
      details: { bundleId: string; items: string[] };
    };
    expect(last.type).toBe('exported');
    expect(last.details).toEqual({ bundleId: result.bundleId, items: ids });
  }, 60_000);

  it('a bundle carries classification.json matching the annotated event, and notices/', async () => {
    const result = await access.exportItems(items.map((p) => p.item.id));
    const zip = saved.get(result.filename)!;
    expect((await verifyBytes(zip)).status).toBe('intact');
    const archive = await JSZip.loadAsync(zip);
    const bytes = await archive.file('items/itemA/classification.json')!.async('uint8array');
    const annotated = (await h.vault.custodyLines())
      .map((l) => JSON.parse(l) as { type: string; itemId?: string; details: { sha256?: string } })
      .filter((e) => e.type === 'annotated' && e.itemId === 'itemA');
    expect(annotated.at(-1)!.details.sha256).toBe(await sha256Hex(bytes));
    expect(archive.file('items/itemD/classification.json')).toBeNull();
    const notices = Object.keys(archive.files).filter((n) => n.startsWith('notices/'));
    expect(notices).toContain('notices/ncii-hashes.csv');
    for (const n of notices) {
      const text = await archive.file(n)!.async('string');
      expect(text).not.toContain(NCII_SECRETS.notes);
    }
    expect(await archive.file('notices/x-dsa-art16.txt')!.async('string')).toContain(
      'Email: amina@example.org',
    );
  }, 60_000);
});
