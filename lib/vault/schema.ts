// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The one schema for everything Attest persists in IndexedDB. Every payload is a `Sealed`
 * (AES-256-GCM, AD = table|id|SCHEMA_VERSION); keys and indexes hold only opaque random ids
 * and counters, never URLs, titles, names or times.
 */
import { Dexie, type Table } from 'dexie';
import type { KdfParams, Sealed } from '../crypto/index';

export const DB_NAME = 'attest';
/** Bound into every record's additional data: a record cannot be replayed across schema versions. */
export const SCHEMA_VERSION = 1;

/**
 * `header` (one row, id 'vault'). Plaintext: the KDF parameters (public by nature, floor-checked
 * on unlock). Encrypted: `wrappedKey`, the data key under the passphrase-derived key.
 */
export interface HeaderRow {
  id: 'vault';
  schemaVersion: number;
  kdf: KdfParams;
  wrappedKey: Sealed;
}

export type SecretId = 'identity' | 'settings' | 'recipients';

/** `secrets`: the collector identity (incl. private key) and settings, each sealed whole. */
export interface SecretRow {
  id: SecretId;
  sealed: Sealed;
}

/** `items`: one sealed `ItemRecord` JSON per capture (metadata, file list, blob ids). Key: random item id. */
export interface ItemRow {
  id: string;
  sealed: Sealed;
}

/** `chunks`: 1 MiB plaintext slices of evidence files, each sealed with AD id `${blobId}.${n}`. */
export interface ChunkRow {
  id: string;
  blobId: string;
  n: number;
  sealed: Sealed;
}

/** `custody`: one sealed custody-log line per event. Key: seq (a counter, reveals only how many events). */
export interface CustodyRow {
  seq: number;
  sealed: Sealed;
}

/**
 * `classifications` (schema v2): one sealed `Classification` JSON per item (category, severity,
 * flags, notes, policy, legal grounds, reporting history — all encrypted). Key: the item's random
 * id, the same opaque id `items` is keyed by.
 */
export interface ClassificationRow {
  id: string;
  sealed: Sealed;
}

export interface AttestDbOptions {
  /** Defaults to `attest`; tests pass their own to stay isolated. */
  name?: string;
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

export class AttestDb extends Dexie {
  declare header: Table<HeaderRow, string>;
  declare secrets: Table<SecretRow, SecretId>;
  declare items: Table<ItemRow, string>;
  declare chunks: Table<ChunkRow, string>;
  declare custody: Table<CustodyRow, number>;
  declare classifications: Table<ClassificationRow, string>;

  constructor(options: AttestDbOptions = {}) {
    super(options.name ?? DB_NAME, {
      // Committed means on disk: a killed browser must not lose an acknowledged capture.
      chromeTransactionDurability: 'strict',
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });
    this.version(1).stores({
      header: 'id',
      secrets: 'id',
      items: 'id',
      chunks: 'id, blobId',
      custody: 'seq',
    });
    // v2 adds a table and changes no record: no upgrade function. SCHEMA_VERSION (bound into
    // every record's additional data) stays 1, so records sealed under v1 still open.
    this.version(2).stores({ classifications: 'id' });
  }
}

/** Opens (lazily) the Attest database. */
export function createDb(options: AttestDbOptions = {}): AttestDb {
  return new AttestDb(options);
}
