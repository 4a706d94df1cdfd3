// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The key database (schema.ts: `KeyRow`), opened for each operation and closed after it, so that
 * deleting it is never blocked by a connection of ours and a deleted one is never reused.
 *
 * Why a database of its own: a deleted IndexedDB record is not gone from the disk. Chromium keeps
 * it in its LevelDB log and table files until a compaction (measured: even `deleteDatabase`
 * leaves it, because all databases of an origin share one LevelDB), and Firefox in its SQLite
 * file's free pages. Deleting a whole store is what unlinks the files: in Chromium a Storage
 * Bucket of its own (`navigator.storageBuckets.delete`, its own LevelDB folder), in Firefox a
 * database of its own (`deleteDatabase`, its own SQLite file). docs/threat-model.md has the figures.
 */
import type { KeySlots } from '../crypto/index';
import { KeyDexie, type AttestDbOptions, type KeyRow } from './schema';

/** The part of Chromium's `navigator.storageBuckets` used here. */
export interface BucketManager {
  keys(): Promise<string[]>;
  open(
    name: string,
    options?: { persisted?: boolean; durability?: 'strict' | 'relaxed' },
  ): Promise<{ indexedDB: IDBFactory }>;
  delete(name: string): Promise<void>;
}

export interface KeyDb {
  /** The row of the vault whose KDF salt is `salt`, or null. */
  get(salt: string): Promise<KeyRow | null>;
  /** Stores a new vault's row; refuses to replace one. */
  add(row: KeyRow): Promise<void>;
  /** Replaces the slots of the row for `salt`; false when there is no such row. */
  updateSlots(salt: string, slots: KeySlots): Promise<boolean>;
  /** Deletes every row, then the store itself so that its files are unlinked. */
  destroy(): Promise<void>;
  /** True when the store exists but holds no row: a `destroy` killed before its second step. */
  leftover(): Promise<boolean>;
}

export interface KeyDbOptions extends AttestDbOptions {
  name: string;
  /** Chromium's bucket manager; by default `navigator.storageBuckets` when no factory is given. */
  buckets?: BucketManager;
}

function defaultBuckets(): BucketManager | undefined {
  const nav = (globalThis as { navigator?: { storageBuckets?: BucketManager } }).navigator;
  return nav?.storageBuckets;
}

/** The key database named `options.name`, in a bucket of the same name where the browser has buckets. */
export function createKeyDb(options: KeyDbOptions): KeyDb {
  const { name } = options;
  // A test's own factory means a test's own store: no bucket then.
  const buckets = options.buckets ?? (options.indexedDB ? undefined : defaultBuckets());
  const factory = async (): Promise<IDBFactory | undefined> =>
    buckets
      ? (await buckets.open(name, { persisted: true, durability: 'strict' })).indexedDB
      : options.indexedDB;
  const exists = async (): Promise<boolean> => {
    if (buckets) return (await buckets.keys()).includes(name);
    const all = await (options.indexedDB ?? indexedDB).databases();
    return all.some((d) => d.name === name);
  };
  const use = async <T>(f: (db: KeyDexie) => Promise<T>): Promise<T> => {
    const indexedDB = await factory();
    const db = new KeyDexie(name, {
      ...(indexedDB ? { indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });
    try {
      return await f(db);
    } finally {
      db.close();
    }
  };
  return {
    get: (salt) => use(async (db) => (await db.keys.get(salt)) ?? null),
    add: (row) =>
      use(async (db) => {
        await db.keys.add(row);
      }),
    updateSlots: (salt, slots) => use(async (db) => (await db.keys.update(salt, { slots })) === 1),
    async destroy() {
      // The rows first: from this commit on no key can be read, whatever the next step does.
      await use((db) => db.keys.clear());
      if (buckets) await buckets.delete(name);
      else await use((db) => db.delete({ disableAutoOpen: true }));
    },
    leftover: async () => (await exists()) && (await use((db) => db.keys.count())) === 0,
  };
}
