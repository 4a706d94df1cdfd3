// SPDX-License-Identifier: AGPL-3.0-or-later
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { IDBKeyRange } from 'fake-indexeddb';
import { randomId } from '../../lib/crypto/index';
import { verifyChain } from '../../lib/custody/index';
import { DEFAULT_CASE_ID } from '../../lib/model/case';
import { CaseNotFoundError, createDb, createKeyStore, createVault } from '../../lib/vault/index';
import { scanForMarkers } from './support/plaintext-scan';
import { writeV3Copy } from './support/v3-vault';
import {
  PASSPHRASE,
  createHarness,
  rawDump,
  sampleCapture,
  type VaultHarness,
} from './support/vault-fixtures';

const markers = new Map(
  ['title', 'target', 'notes', 'title2'].map((f) => [f, `mk${f}${randomId()}`]),
);
const marker = (f: string) => markers.get(f)!;

const events = async (h: VaultHarness) =>
  (await h.vault.custodyLines()).map(
    (l) => JSON.parse(l) as { type: string; itemId?: string; details: Record<string, unknown> },
  );

// One vault for the file: each create/unlock costs an Argon2id run at 64 MiB.
let h: VaultHarness;
let caseId: string;

beforeAll(async () => {
  fakeBrowser.reset();
  h = createHarness();
  await h.vault.create({ passphrase: PASSPHRASE, collectorName: 'Ana' });
  await h.vault.commitCapture(await sampleCapture({ id: 'before-any-case' }));
});

describe('cases', () => {
  it('a new vault has the default case (TLP AMBER), logged by id only, and captures go to it', async () => {
    const cases = await h.vault.listCases();
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ id: DEFAULT_CASE_ID, title: '', tlp: 'AMBER' });
    expect(await h.vault.currentCaseId()).toBe(DEFAULT_CASE_ID);
    expect((await h.vault.itemCases()).get('before-any-case')).toBe(DEFAULT_CASE_ID);
    const log = await events(h);
    expect(log.map((e) => e.type)).toEqual(['vault-created', 'case-created', 'captured']);
    expect(log[1]!.details).toEqual({ caseId: DEFAULT_CASE_ID });
  });

  it('creates and edits a case; the custody log names fields, never their text', async () => {
    const created = await h.vault.createCase({
      title: `  ${marker('title')} `,
      target: marker('target'),
      notes: marker('notes'),
      tlp: 'RED',
    });
    caseId = created.id;
    expect(created.title).toBe(marker('title'));
    expect(caseId).not.toBe(DEFAULT_CASE_ID);
    const edit = await h.vault.updateCase(caseId, {
      title: marker('title2'),
      target: marker('target'),
      notes: marker('notes'),
      tlp: 'AMBER+STRICT',
    });
    expect(edit.fields).toEqual(['title', 'tlp']);
    const unchanged = await h.vault.updateCase(caseId, { ...edit.record });
    expect(unchanged.fields).toEqual([]);
    expect((await h.vault.getCase(caseId))?.title).toBe(marker('title2'));
    const log = await events(h);
    expect(log.slice(-2)).toMatchObject([
      { type: 'case-created', details: { caseId } },
      { type: 'case-updated', details: { caseId, fields: ['title', 'tlp'] } },
    ]);
    const text = (await h.vault.custodyLines()).join('\n');
    expect(scanForMarkers(text, [...markers.values()])).toEqual([]);
    // Positive control: the scan sees a marker where one is.
    expect(scanForMarkers(JSON.stringify(edit.record), [...markers.values()])).not.toEqual([]);
    expect(verifyChain(await h.vault.custodyLines()).ok).toBe(true);
    await expect(
      h.vault.createCase({ title: 'x', target: '', notes: '', tlp: 'PINK' as 'RED' }),
    ).rejects.toThrow(RangeError);
  });

  it('captures go to the selected case, or to the one named; an unknown case saves nothing', async () => {
    await h.vault.selectCase(caseId);
    expect(await h.vault.currentCaseId()).toBe(caseId);
    await h.vault.commitCapture(await sampleCapture({ id: 'in-selected' }));
    await h.vault.commitCapture({
      ...(await sampleCapture({ id: 'named-default' })),
      caseId: DEFAULT_CASE_ID,
    });
    const map = await h.vault.itemCases();
    expect(map.get('in-selected')).toBe(caseId);
    expect(map.get('named-default')).toBe(DEFAULT_CASE_ID);
    expect(map.get('before-any-case')).toBe(DEFAULT_CASE_ID);
    // A restarted worker reads the same choice.
    expect(await h.reopen().currentCaseId()).toBe(caseId);

    const before = (await h.vault.custodyLines()).length;
    const bad = h.vault.commitCapture({
      ...(await sampleCapture({ id: 'nowhere' })),
      caseId: 'no-such-case',
    });
    await expect(bad).rejects.toBeInstanceOf(CaseNotFoundError);
    expect(await h.vault.getItem('nowhere')).toBeNull();
    expect(await h.db.chunks.count()).toBe(3 * 2);
    expect((await h.vault.custodyLines()).length).toBe(before);
    await expect(h.vault.selectCase('no-such-case')).rejects.toBeInstanceOf(CaseNotFoundError);
  });

  it('keeps nothing of a case in clear on disk', async () => {
    const dump = await rawDump(h.factory, h.dbName);
    expect(dump.cases!.keys).toEqual(expect.arrayContaining([DEFAULT_CASE_ID, caseId]));
    expect(scanForMarkers(dump, [...markers.values()])).toEqual([]);
  });
});

describe('migration from a v3 vault', () => {
  it('opens a v3 vault, puts every existing item in the default case, and keeps the chain', async () => {
    const name = `${h.dbName}-v3`;
    await writeV3Copy(h, name);
    const db = createDb({ name, indexedDB: h.factory, IDBKeyRange });
    await db.open();
    // v3 → v4 (cases) → v5 (timestamps) in one open.
    expect(db.verno).toBe(5);
    // The upgrade runs locked: it creates the tables and seals nothing.
    expect(await db.cases.count()).toBe(0);
    expect(await db.memberships.count()).toBe(0);
    expect(await db.timestampQueue.count()).toBe(0);
    expect(await db.timestamps.count()).toBe(0);
    const vault = createVault({ db, keyStore: createKeyStore(fakeBrowser.storage.session) });
    await vault.lock();
    expect(await vault.unlock(PASSPHRASE)).toBe('unlocked');

    const cases = await vault.listCases();
    expect(cases.map((c) => c.id)).toEqual([DEFAULT_CASE_ID]);
    const map = await vault.itemCases();
    expect([...map.keys()].sort()).toEqual(['before-any-case', 'in-selected', 'named-default']);
    expect(new Set(map.values())).toEqual(new Set([DEFAULT_CASE_ID]));
    expect(await vault.currentCaseId()).toBe(DEFAULT_CASE_ID);

    const lines = await vault.custodyLines();
    expect(verifyChain(lines).ok).toBe(true);
    const types = lines.map((l) => (JSON.parse(l) as { type: string }).type);
    expect(types.filter((t) => t === 'case-created')).toHaveLength(1);
    expect(types.at(-1)).toBe('case-created');

    await vault.commitCapture(await sampleCapture({ id: 'after-migration' }));
    expect((await vault.itemCases()).get('after-migration')).toBe(DEFAULT_CASE_ID);
    expect((await vault.getItem('in-selected'))?.item.id).toBe('in-selected');
    db.close();
  });
});
