// SPDX-License-Identifier: AGPL-3.0-or-later
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { randomId, sha256Hex, utf8Encode } from '../../lib/crypto/index';
import { verifyChain } from '../../lib/custody/index';
import { classificationJson } from '../../lib/model/classification-json';
import { ItemNotFoundError } from '../../lib/vault/index';
import { scanForMarkers } from './support/plaintext-scan';
import {
  PASSPHRASE,
  createHarness,
  dbSnapshot,
  rawDump,
  sampleCapture,
  type VaultHarness,
} from './support/vault-fixtures';

let h: VaultHarness;
const itemId = randomId();
const secret = `mknotes${randomId()}`;
const policyMarker = `mkpolicy${randomId()}`;
const lawMarker = `mklaw${randomId()}`;

const base = {
  category: 'threat-of-violence' as const,
  severity: 'high' as const,
  imminentRisk: true,
  intimateImagery: false,
  notes: ` ${secret} `,
  policy: policyMarker,
  legalGrounds: [
    { jurisdiction: 'FR', instrument: 'Code pénal', article: lawMarker },
    { jurisdiction: '', instrument: '', article: '' },
  ],
  reporting: [{ channel: 'X in-app report', date: '2025-03-02', ticketId: 'T-1' }],
};

beforeAll(async () => {
  fakeBrowser.reset();
  h = createHarness();
  await h.vault.create({ passphrase: PASSPHRASE, collectorName: 'Alice' });
  const c = await sampleCapture({ id: itemId });
  await h.vault.commitCapture(c);
});

describe('classification in the vault', () => {
  it('starts empty', async () => {
    expect(await h.vault.getClassification(itemId)).toBeNull();
  });

  it('saves a normalised copy, readable after a restart', async () => {
    const saved = await h.vault.saveClassification(itemId, base);
    expect(saved.classification.notes).toBe(secret);
    expect(saved.classification.legalGrounds).toHaveLength(1);
    expect(saved.fields).toEqual([
      'category',
      'severity',
      'imminentRisk',
      'notes',
      'policy',
      'legalGrounds',
      'reporting',
    ]);
    const again = await h.reopen().getClassification(itemId);
    expect(again).toEqual(saved.classification);
    expect((await h.vault.listClassifications()).get(itemId)).toEqual(saved.classification);
  });

  it("appends an 'annotated' event with field names and the JSON's SHA-256, no plaintext", async () => {
    const lines = await h.vault.custodyLines();
    expect(verifyChain(lines).ok).toBe(true);
    const last = JSON.parse(lines[lines.length - 1]!) as {
      type: string;
      itemId: string;
      details: { itemId: string; fields: string[]; sha256: string };
    };
    expect(last.type).toBe('annotated');
    expect(last.itemId).toBe(itemId);
    expect(last.details.itemId).toBe(itemId);
    const current = (await h.vault.getClassification(itemId))!;
    expect(last.details.sha256).toBe(await sha256Hex(utf8Encode(classificationJson(current))));
    const log = lines.join('\n');
    for (const m of [secret, policyMarker, lawMarker, 'Code pénal']) expect(log).not.toContain(m);
  });

  it('records only the changed fields; an unchanged save writes nothing', async () => {
    const before = await h.vault.custodyLines();
    const saved = await h.vault.saveClassification(itemId, { ...base, severity: 'critical' });
    expect(saved.fields).toEqual(['severity']);
    expect(await h.vault.custodyLines()).toHaveLength(before.length + 1);
    const snap = await dbSnapshot(h);
    const same = await h.vault.saveClassification(itemId, { ...base, severity: 'critical' });
    expect(same.fields).toEqual([]);
    expect(await dbSnapshot(h)).toEqual(snap);
  });

  it('never modifies the item record or its evidence files', async () => {
    const dumpBefore = await rawDump(h.factory, h.dbName);
    await h.vault.saveClassification(itemId, { ...base, intimateImagery: true });
    const dumpAfter = await rawDump(h.factory, h.dbName);
    expect(dumpAfter.items).toEqual(dumpBefore.items);
    expect(dumpAfter.chunks).toEqual(dumpBefore.chunks);
  });

  it('keeps notes, policy and law encrypted at rest; keys are opaque item ids', async () => {
    const dump = await rawDump(h.factory, h.dbName);
    expect(dump.classifications?.keys).toEqual([itemId]);
    expect(scanForMarkers(dump, [secret, policyMarker, lawMarker])).toEqual([]);
  });

  it('refuses unknown items and invalid values', async () => {
    await expect(h.vault.saveClassification('nope', base)).rejects.toBeInstanceOf(
      ItemNotFoundError,
    );
    await expect(
      h.vault.saveClassification(itemId, { ...base, category: 'spam' as 'other' }),
    ).rejects.toThrow(/Unknown category/);
  });
});
