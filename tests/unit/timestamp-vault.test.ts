// SPDX-License-Identifier: AGPL-3.0-or-later
// The vault's side of timestamps: the queue row written in the capture's own transaction, the
// sealed queue store, receipts with their custody event, and the v4 → v5 migration.
import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { capturedLineOf } from '../../lib/bundle/timestamps';
import { randomId, sha256Hex, utf8Encode } from '../../lib/crypto/index';
import { createTimestampQueue } from '../../lib/timestamp/queue';
import { createDb, createKeyStore, createVault } from '../../lib/vault/index';
import {
  createHarness,
  legacyKeyRows,
  PASSPHRASE,
  sampleCapture,
  type VaultHarness,
} from './support/vault-fixtures';

const ON = { enabled: true, url: 'https://tsa.example/', rootsPem: '' };
let h: VaultHarness;

beforeAll(async () => {
  fakeBrowser.reset();
  h = createHarness();
  await h.vault.create({ passphrase: PASSPHRASE, collectorName: 'Ana' });
});

describe('queue in the vault', () => {
  it('queues nothing while timestamps are off (the default)', async () => {
    expect(await h.vault.timestampSettings()).toEqual({ enabled: false, url: '', rootsPem: '' });
    await h.vault.commitCapture(await sampleCapture({ id: randomId() }));
    expect(await h.vault.timestampQueue.list()).toEqual([]);
    expect(await h.db.timestampQueue.count()).toBe(0);
  });

  it("queues the SHA-256 of the capture's 'captured' line with the commit when on", async () => {
    await h.vault.writeTimestampSettings(ON);
    const capture = await sampleCapture({ id: randomId() });
    await h.vault.commitCapture(capture);
    const line = capturedLineOf(await h.vault.custodyLines(), capture.item.id)!;
    const [entry, ...rest] = await h.vault.timestampQueue.list();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      itemId: capture.item.id,
      sha256Hex: await sha256Hex(utf8Encode(line)),
      attempts: 0,
    });
    // A restarted worker finds it: the store is the database, not memory.
    expect(await h.reopen().timestampQueue.list()).toEqual([entry]);
  });

  it('the queue over the vault store keeps failures and their retry time', async () => {
    const queue = createTimestampQueue(h.vault.timestampQueue, { now: () => 1_000 });
    const failing = { url: 'x', stamp: () => Promise.reject(new Error('offline')) };
    const result = await queue.flush(failing, () => Promise.resolve(), { force: true });
    expect(result).toMatchObject({ stamped: [], remaining: 1 });
    const [entry] = await h.reopen().timestampQueue.list();
    expect(entry).toMatchObject({ attempts: 1, lastError: 'offline', nextAttemptAt: 61_000 });
  });

  it('a receipt is stored sealed, logged, and takes the item off the queue', async () => {
    const [entry] = await h.vault.timestampQueue.list();
    const receipt = {
      sha256Hex: entry!.sha256Hex,
      response: new Uint8Array([1, 2, 3]),
      chainPem: 'chain',
      genTime: '2024-05-01T10:00:01Z',
      tsaName: 'CN=Some TSA',
      receivedAt: '2024-05-01T10:00:02.000Z',
    };
    await h.vault.saveTimestampReceipt(entry!.itemId, receipt);
    expect(await h.vault.timestampQueue.list()).toEqual([]);
    expect(await h.reopen().timestampReceipt(entry!.itemId)).toEqual(receipt);
    const last = JSON.parse((await h.vault.custodyLines()).at(-1)!) as Record<string, unknown>;
    expect(last).toMatchObject({
      type: 'timestamped',
      itemId: entry!.itemId,
      details: {
        itemId: entry!.itemId,
        sha256: entry!.sha256Hex,
        genTime: receipt.genTime,
        tsa: receipt.tsaName,
        token: await sha256Hex(receipt.response),
      },
    });
    await expect(h.vault.saveTimestampReceipt('no-such-item', receipt)).rejects.toThrow(/No item/);
  });

  it('a queue row moved to another item does not open', async () => {
    await h.vault.commitCapture(await sampleCapture({ id: randomId() }));
    const [row] = await h.db.timestampQueue.toArray();
    await h.db.timestampQueue.put({ id: 'other-item', sealed: row!.sealed });
    await expect(h.vault.timestampQueue.list()).rejects.toThrow();
    await h.db.timestampQueue.delete('other-item');
  });
});

describe('schema v4 → v5', () => {
  it('opens a v4 vault, keeps everything, and adds empty timestamp tables', async () => {
    // A vault written by the previous schema: its rows copied into a database that only knows v4.
    const factory = new IDBFactory();
    const name = `attest-v4-${randomId()}`;
    const v4 = new Dexie(name, { indexedDB: factory, IDBKeyRange });
    v4.version(1).stores({
      header: 'id',
      secrets: 'id',
      items: 'id',
      chunks: 'id, blobId',
      custody: 'seq',
    });
    v4.version(2).stores({ classifications: 'id' });
    v4.version(3).stores({});
    v4.version(4).stores({ cases: 'id', memberships: 'id' });
    const tables = ['header', 'secrets', 'items', 'chunks', 'custody', 'cases', 'memberships'];
    // v4 kept the key slots in the header and the identity among the secrets.
    const legacy = await legacyKeyRows(h);
    for (const table of tables)
      await v4
        .table(table)
        .bulkAdd(
          table === 'header' || table === 'secrets'
            ? legacy[table]
            : await h.db.table(table).toArray(),
        );
    expect(v4.verno).toBe(4);
    v4.close();

    const db = createDb({ name, indexedDB: factory, IDBKeyRange });
    const vault = createVault({ db, keyStore: createKeyStore(fakeBrowser.storage.session) });
    await vault.lock();
    expect(await vault.unlock(PASSPHRASE)).toBe('unlocked');
    expect(db.verno).toBe(5);
    expect(await vault.custodyLines()).toEqual(await h.vault.custodyLines());
    expect((await vault.listItems()).length).toBe((await h.vault.listItems()).length);
    expect(await db.timestampQueue.count()).toBe(0);
    expect(await db.timestamps.count()).toBe(0);
    // The copied settings say "on", so a new capture queues in the migrated tables.
    await vault.commitCapture(await sampleCapture({ id: randomId() }));
    expect(await vault.timestampQueue.list()).toHaveLength(1);
    db.close();
  });
});
