// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AdContext } from '../crypto/index';
import { VaultLockedError, VaultWriteError } from './errors';
import type { KeyDb } from './key-db';
import type { KeyStore } from './key-store';
import { SCHEMA_VERSION, type AttestDb } from './schema';
import type { StorageEstimator } from './storage-full';

/** What every vault operation needs; no module globals, because the service worker may die at any time. */
export interface VaultContext {
  db: AttestDb;
  /** The key slots and the sealed identity, kept where deleting them unlinks their files. */
  keys: KeyDb;
  keyStore: KeyStore;
  now: () => Date;
  /** Free space, to tell a full disk from other write failures; absent: only quota errors count. */
  storage?: StorageEstimator;
}

export type TableName =
  | 'header'
  | 'secrets'
  | 'items'
  | 'chunks'
  | 'custody'
  | 'classifications'
  | 'cases'
  | 'memberships'
  | 'timestampQueue'
  | 'timestamps';

/** Additional data for a record of `table` with key `id` under the current schema version. */
export function adFor(table: TableName, id: string | number): AdContext {
  return { table, id: String(id), schemaVersion: SCHEMA_VERSION };
}

/** The data key, or `VaultLockedError`. */
export async function requireKey(ctx: VaultContext): Promise<CryptoKey> {
  const key = await ctx.keyStore.get();
  if (!key) throw new VaultLockedError();
  return key;
}

/** Re-throws our own typed errors as-is and wraps IndexedDB failures (quota, abort) in `VaultWriteError`. */
export function asWriteError(
  e: unknown,
  what: string,
  ours: ReadonlyArray<new (...args: never[]) => Error>,
): Error {
  if (ours.some((cls) => e instanceof cls)) return e as Error;
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new VaultWriteError(`${what} failed and nothing was saved (${detail})`, { cause: e });
}
