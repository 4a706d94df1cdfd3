// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, item 1: the key slots and the sealed identity live in a database of their own, deleted
// whole on wipe (its files unlinked in a browser). Here: the move of an older vault's keys into
// it, and how purgeOrphans finishes a wipe killed at each step.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { VaultNotInitializedError, type HeaderRow } from '../../lib/vault/index';
import { IDBKeyRange } from 'fake-indexeddb';
import { createKeyDb } from '../../lib/vault/key-db';
import { KeyDexie } from '../../lib/vault/schema';
import {
  PASSPHRASE,
  createHarness,
  legacyKeyRows,
  rawDump,
  sampleCapture,
  type VaultHarness,
} from './support/vault-fixtures';

const databases = async (h: VaultHarness) => (await h.factory.databases()).map((d) => d.name);
const counts = async (h: VaultHarness) =>
  Object.values(await rawDump(h.factory, h.dbName)).map((s) => s.keys.length);

/** The slots and sealed identity of another vault, to stand for a create in progress. */
async function legacyKeyRowsOf(h: VaultHarness) {
  const header = (await h.db.header.get('vault'))!;
  const row = (await createKeyDb(h.db.keyDbOptions).get(header.kdf.salt))!;
  return { identity: { slots: row.slots, identity: row.identity } };
}

async function vaultWithCapture(): Promise<VaultHarness> {
  const h = createHarness();
  await h.vault.create({ passphrase: PASSPHRASE, collectorName: 'Key Db' });
  await h.vault.commitCapture(await sampleCapture({ id: 'kept' }));
  return h;
}

/** Puts `h` back in the layout of schema v3 to v5 (keys in the header and secrets, no key database). */
async function toLegacyLayout(h: VaultHarness): Promise<void> {
  const legacy = await legacyKeyRows(h);
  await h.db.header.bulkPut(legacy.header);
  await h.db.secrets.bulkPut(legacy.secrets);
  await createKeyDb(h.db.keyDbOptions).destroy();
}

beforeEach(() => fakeBrowser.reset());

describe('key database', () => {
  it('a new vault keeps its slots and identity there, not in the main database', async () => {
    const h = await vaultWithCapture();
    const main = await rawDump(h.factory, h.dbName);
    expect((main.header!.values[0] as HeaderRow).slots).toBeUndefined();
    expect(main.secrets!.keys).not.toContain('identity');
    const keys = await rawDump(h.factory, h.keysDbName);
    expect(keys.keys!.keys).toEqual([(main.header!.values[0] as HeaderRow).kdf.salt]);
    expect(Object.keys(keys.keys!.values[0]!).sort()).toEqual(['id', 'identity', 'slots']);
  });

  it('moves an older vault’s keys on the next start; a move killed half-way finishes', async () => {
    const h = await vaultWithCapture();
    const { fingerprint } = await h.vault.identity();
    await h.vault.lock();
    await toLegacyLayout(h);
    expect(await databases(h)).not.toContain(h.keysDbName);
    // Killed after the key row was written, before the old fields went: both copies exist.
    const header = (await h.db.header.get('vault'))!;
    const identity = (await h.db.secrets.get('identity'))!.sealed;
    await createKeyDb(h.db.keyDbOptions).add({
      id: header.kdf.salt,
      slots: header.slots!,
      identity,
    });

    const restarted = h.reopen();
    expect(await restarted.purgeOrphans()).toBe(false);
    expect((await h.db.header.get('vault'))!.slots).toBeUndefined();
    expect(await h.db.secrets.get('identity')).toBeUndefined();
    expect(await restarted.unlock(PASSPHRASE)).toBe('unlocked');
    expect((await restarted.identity()).fingerprint).toBe(fingerprint);
    expect(await restarted.getItem('kept')).not.toBeNull();
  });

  it('an older vault never started since unlocks too (the move runs at unlock)', async () => {
    const h = await vaultWithCapture();
    await h.vault.lock();
    await toLegacyLayout(h);
    expect(await h.reopen().unlock(PASSPHRASE)).toBe('unlocked');
    expect((await h.db.header.get('vault'))!.slots).toBeUndefined();
    expect(await databases(h)).toContain(h.keysDbName);
  });

  it('a wipe killed after the key database went: the header is an orphan, purged on start', async () => {
    const h = await vaultWithCapture();
    await h.vault.lock();
    // The first step of wipeVault alone.
    await createKeyDb(h.db.keyDbOptions).destroy();
    const restarted = h.reopen();
    await expect(restarted.unlock(PASSPHRASE)).rejects.toBeInstanceOf(VaultNotInitializedError);
    expect(await restarted.purgeOrphans()).toBe(true);
    expect((await counts(h)).every((n) => n === 0)).toBe(true);
    expect(await restarted.status()).toBe('uninitialized');
    expect(await databases(h)).not.toContain(h.keysDbName);
  });

  it('a key database emptied but not deleted (destroy killed) is deleted on start; rows without a header stay', async () => {
    const h = await vaultWithCapture();
    await h.vault.wipe();
    // The store exists with no row: destroy's first step committed, its second did not run.
    const empty = new KeyDexie(h.keysDbName, { indexedDB: h.factory, IDBKeyRange });
    await empty.open();
    empty.close();
    expect(await databases(h)).toContain(h.keysDbName);
    expect(await h.reopen().purgeOrphans()).toBe(true);
    expect(await databases(h)).not.toContain(h.keysDbName);

    // A row without a header: a create between its two writes. Not an orphan.
    const sealed = (await legacyKeyRowsOf(await vaultWithCapture())).identity;
    const row = { id: 'salt-of-a-create-in-progress', ...sealed };
    await createKeyDb(h.db.keyDbOptions).add(row);
    expect(await h.reopen().purgeOrphans()).toBe(false);
    expect(await createKeyDb(h.db.keyDbOptions).get(row.id)).not.toBeNull();
  });
});
