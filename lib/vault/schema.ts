// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The one schema for everything Attest persists in IndexedDB. Every payload is a `Sealed`
 * (AES-256-GCM, AD = table|id|SCHEMA_VERSION); keys and indexes hold only opaque random ids
 * and counters, never URLs, titles, names or times.
 */
import { Dexie, type Table } from 'dexie';
import { decoySlot, type KdfParams, type KeySlots, type Sealed } from '../crypto/index';

export const DB_NAME = 'attest';
/** Bound into every record's additional data: a record cannot be replayed across schema versions. */
export const SCHEMA_VERSION = 1;

/**
 * `header` (one row, id 'vault'). Plaintext: the KDF parameters (public by nature, floor-checked
 * on unlock) and, from v3, the lock-out and panic preferences, which must be read while locked.
 * The key slots and the sealed identity live in the key database (`KeyRow`); a header written
 * before that still holds `slots` until key-db.ts moves them there.
 */
export interface HeaderRow {
  id: 'vault';
  schemaVersion: number;
  kdf: KdfParams;
  /** Only in a header not yet moved to the key database (v3 to v5 layout). */
  slots?: KeySlots;
  /** Failed unlocks since the last good one; survives restarts, reveals only a count. */
  failedUnlocks: number;
  /** Wipe on this many failed unlocks in a row; 0 = never. */
  wipeAfterFailedUnlocks: number;
  /** Ask once before a panic wipe. */
  confirmPanicWipe: boolean;
}

/** The v1/v2 header, before key slots. */
interface LegacyHeaderRow {
  id: 'vault';
  schemaVersion: number;
  kdf: KdfParams;
  wrappedKey?: Sealed;
}

/** The lock-out and panic defaults of a new (or migrated) header. */
export const HEADER_PREFS_DEFAULTS = Object.freeze({
  failedUnlocks: 0,
  wipeAfterFailedUnlocks: 0,
  confirmPanicWipe: true,
});

export type SecretId =
  | 'identity'
  | 'settings'
  | 'recipients'
  | 'current-case'
  | 'timestamps'
  | 'invitations'
  | 'imports';

/**
 * `secrets`: settings, hand-over recipients, (v4)
 * the case new captures go to, (v5) the timestamp authority settings (URL and roots), and the ally
 * invitations issued and accepted and the hand-overs imported (their collectors' signed sums, key,
 * custody log and manifest; lib/vault/allies.ts, hand-over-store.ts), each sealed whole. New ids need no migration.
 * The collector identity was here (`identity`) until it moved to the key database (`KeyRow`).
 */
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

/**
 * `cases` (schema v4): one sealed `CaseRecord` JSON per case (title, target, notes, TLP level,
 * dates — all encrypted). Key: a random id, or `default` for the case every vault has.
 */
export interface CaseRow {
  id: string;
  sealed: Sealed;
}

/**
 * `timestampQueue` (schema v5): one sealed `PendingTimestamp` JSON (digest, attempts, next try,
 * last error) per item waiting for its RFC 3161 timestamp. Key: the item's random id.
 */
export interface TimestampQueueRow {
  id: string;
  sealed: Sealed;
}

/**
 * `memberships` (schema v4): one sealed `{ caseId }` per item, keyed by the item's random id.
 * An item without one (captured before v4) belongs to the default case.
 */
export interface MembershipRow {
  id: string;
  sealed: Sealed;
}

/**
 * `timestamps` (schema v5): one sealed receipt JSON per stamped item (the authority's DER reply,
 * base64, its validated chain, time and name). Key: the item's random id.
 */
export interface TimestampRow {
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
  declare cases: Table<CaseRow, string>;
  declare memberships: Table<MembershipRow, string>;
  declare timestampQueue: Table<TimestampQueueRow, string>;
  declare timestamps: Table<TimestampRow, string>;
  /** Where this database's key database is (same factory, name + `-keys`). */
  readonly keyDbOptions: AttestDbOptions & { name: string };

  constructor(options: AttestDbOptions = {}) {
    super(options.name ?? DB_NAME, {
      // Committed means on disk: a killed browser must not lose an acknowledged capture.
      chromeTransactionDurability: 'strict',
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });
    this.keyDbOptions = { ...options, name: `${options.name ?? DB_NAME}${KEY_DB_SUFFIX}` };
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
    // v3 moves the wrapped key into the first of two key slots (the second filled with random
    // bytes: no duress passphrase yet) and adds the plaintext lock-out and panic preferences.
    this.version(3)
      .stores({})
      .upgrade(async (tx) => {
        await tx
          .table<LegacyHeaderRow & Partial<HeaderRow>, string>('header')
          .toCollection()
          .modify((h) => {
            if (h.wrappedKey && !h.slots) h.slots = [h.wrappedKey, decoySlot()];
            delete h.wrappedKey;
            Object.assign(h, { ...HEADER_PREFS_DEFAULTS, ...h });
          });
      });
    // v4 adds cases and item memberships. Nothing can be sealed here (the vault is locked while
    // the database opens), so the default case is written on the first unlocked use
    // (cases.ts: ensureDefaultCase) and items without a membership belong to it.
    this.version(4).stores({ cases: 'id', memberships: 'id' });
    // v5 adds the timestamp queue and receipts; like v2, new tables only, no record changes.
    this.version(5).stores({ timestampQueue: 'id', timestamps: 'id' });
  }
}

/** Opens (lazily) the Attest database. */
export function createDb(options: AttestDbOptions = {}): AttestDb {
  return new AttestDb(options);
}

/**
 * The key database, `attest-keys`: what crypto-shredding must destroy, kept apart from the data
 * so it can be deleted whole and its files unlinked (deleted IndexedDB records linger in
 * Chromium's LevelDB and Firefox's SQLite files; see key-db.ts). One row per vault, keyed by the
 * vault's KDF salt. Encrypted: `slots`, the data key under the passphrase-derived key in one slot
 * and, in the other, a duress token under the duress passphrase's key or random bytes of the same
 * shape (the same sizes whether or not a duress passphrase is set); `identity`, the collector's
 * OpenPGP identity (incl. private key) sealed under the data key.
 */
export interface KeyRow {
  /** The vault header's `kdf.salt`: a row belongs to the header that names it. */
  id: string;
  slots: KeySlots;
  identity: Sealed;
}

export const KEY_DB_SUFFIX = '-keys';

export class KeyDexie extends Dexie {
  declare keys: Table<KeyRow, string>;

  constructor(name: string, options: Omit<AttestDbOptions, 'name'>) {
    super(name, {
      chromeTransactionDurability: 'strict',
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });
    this.version(1).stores({ keys: 'id' });
  }
}
