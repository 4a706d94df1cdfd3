// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Classification } from '../model/classification';
import type { ItemRecord } from '../model/item';
import { createEventLine } from '../custody/index';
import {
  DecryptError,
  assertKdfParams,
  defaultKdfParams,
  deriveKek,
  generateDataKey,
  generateIdentity,
  importDataKey,
  openJson,
  seal,
  sealJson,
  unwrapDataKey,
  utf8Encode,
  wrapDataKey,
} from '../crypto/index';
import {
  getClassification,
  listClassifications,
  saveClassification,
  type ClassificationSaved,
} from './classifications';
import { adFor, asWriteError, requireKey, type VaultContext } from './context';
import {
  commitCustody,
  prepareCustody,
  readCustodyLines,
  type CustodyInput,
  type PreparedCustodyEvent,
} from './custody-store';
import { VaultCorruptError, VaultExistsError, VaultNotInitializedError } from './errors';
import { commitCapture, getItem, listItems, readFile, type CaptureInput } from './items';
import type { KeyStore } from './key-store';
import { SCHEMA_VERSION, type AttestDb, type HeaderRow, type SecretId } from './schema';
import { DEFAULT_SETTINGS, validateSettings, type VaultSettings } from './settings';

export type VaultStatus = 'uninitialized' | 'locked' | 'unlocked';

export interface VaultIdentity {
  name: string;
  fingerprint: string;
  publicKeyArmored: string;
  privateKeyArmored: string;
}

export interface Vault {
  status(): Promise<VaultStatus>;
  create(input: { passphrase: string; collectorName: string }): Promise<{ fingerprint: string }>;
  unlock(passphrase: string): Promise<void>;
  lock(): Promise<void>;
  identity(): Promise<VaultIdentity>;
  settings(): Promise<VaultSettings>;
  updateSettings(patch: Partial<VaultSettings>): Promise<VaultSettings>;
  commitCapture(input: CaptureInput): Promise<void>;
  listItems(): Promise<ItemRecord[]>;
  getItem(id: string): Promise<ItemRecord | null>;
  readFile(itemId: string, path: string): Promise<Uint8Array>;
  custodyLines(): Promise<string[]>;
  prepareCustodyEvent(input: CustodyInput): Promise<PreparedCustodyEvent>;
  commitCustodyEvent(prepared: PreparedCustodyEvent): Promise<void>;
  getClassification(itemId: string): Promise<Classification | null>;
  listClassifications(): Promise<Map<string, Classification>>;
  saveClassification(
    itemId: string,
    value: Omit<Classification, 'updatedAt'>,
  ): Promise<ClassificationSaved>;
}

async function readSecret<T>(ctx: VaultContext, id: SecretId): Promise<T | null> {
  const key = await requireKey(ctx);
  const row = await ctx.db.secrets.get(id);
  return row ? openJson<T>(key, row.sealed, adFor('secrets', id)) : null;
}

async function create(ctx: VaultContext, input: { passphrase: string; collectorName: string }) {
  if (input.passphrase === '') throw new TypeError('A passphrase is required');
  if (await ctx.db.header.get('vault')) throw new VaultExistsError();
  // All crypto (KDF, key generation, sealing) before the transaction; see items.ts.
  const kdf = defaultKdfParams();
  const kek = await deriveKek(input.passphrase, kdf);
  const { key, raw } = await generateDataKey();
  const header: HeaderRow = {
    id: 'vault',
    schemaVersion: SCHEMA_VERSION,
    kdf,
    wrappedKey: await wrapDataKey(kek, raw),
  };
  const pgp = await generateIdentity({ name: input.collectorName });
  const identity: VaultIdentity = { name: input.collectorName.trim(), ...pgp };
  const sealedIdentity = await sealJson(key, identity, adFor('secrets', 'identity'));
  const sealedSettings = await sealJson(key, DEFAULT_SETTINGS, adFor('secrets', 'settings'));
  const { line } = createEventLine(null, {
    at: ctx.now().toISOString(),
    type: 'vault-created',
    details: { fingerprint: pgp.fingerprint },
  });
  const sealedLine = await seal(key, utf8Encode(line), adFor('custody', 0));
  const { db } = ctx;
  try {
    await db.transaction(
      'rw',
      [db.header, db.secrets, db.items, db.chunks, db.custody, db.classifications],
      async () => {
        if (await db.header.get('vault')) throw new VaultExistsError();
        // Without a header, anything left (an interrupted wipe) is ciphertext under a destroyed key.
        await Promise.all([
          db.secrets.clear(),
          db.items.clear(),
          db.chunks.clear(),
          db.custody.clear(),
          db.classifications.clear(),
        ]);
        await db.header.add(header);
        await db.secrets.bulkAdd([
          { id: 'identity', sealed: sealedIdentity },
          { id: 'settings', sealed: sealedSettings },
        ]);
        await db.custody.add({ seq: 0, sealed: sealedLine });
      },
    );
  } catch (e) {
    throw asWriteError(e, 'Creating the vault', [VaultExistsError]);
  }
  await ctx.keyStore.put(raw);
  raw.fill(0);
  return { fingerprint: pgp.fingerprint };
}

async function unlock(ctx: VaultContext, passphrase: string): Promise<void> {
  const header = await ctx.db.header.get('vault');
  if (!header) throw new VaultNotInitializedError();
  if (header.schemaVersion !== SCHEMA_VERSION) {
    throw new VaultCorruptError(
      `Vault schema ${header.schemaVersion} is not supported by this version`,
    );
  }
  assertKdfParams(header.kdf);
  const kek = await deriveKek(passphrase, header.kdf);
  const raw = await unwrapDataKey(kek, header.wrappedKey);
  try {
    // A header swapped in from elsewhere would unwrap but not open our records: refuse it here.
    const identityRow = await ctx.db.secrets.get('identity');
    if (!identityRow) throw new VaultCorruptError('The vault has no identity record');
    try {
      await openJson(await importDataKey(raw), identityRow.sealed, adFor('secrets', 'identity'));
    } catch (e) {
      if (e instanceof DecryptError)
        throw new VaultCorruptError('The vault key does not open this vault’s records');
      throw e;
    }
    await ctx.keyStore.put(raw);
  } finally {
    raw.fill(0);
  }
}

/** The vault over one database and one session key store; every call re-reads state (the worker may restart). */
export function createVault({
  db,
  keyStore,
  now = () => new Date(),
}: {
  db: AttestDb;
  keyStore: KeyStore;
  now?: () => Date;
}): Vault {
  const ctx: VaultContext = { db, keyStore, now };
  return {
    async status() {
      if (!(await db.header.get('vault'))) return 'uninitialized';
      return (await keyStore.get()) ? 'unlocked' : 'locked';
    },
    create: (input) => create(ctx, input),
    unlock: (passphrase) => unlock(ctx, passphrase),
    lock: () => keyStore.clear(),
    async identity() {
      const identity = await readSecret<VaultIdentity>(ctx, 'identity');
      if (!identity) throw new VaultCorruptError('The vault has no identity record');
      return identity;
    },
    async settings() {
      return {
        ...DEFAULT_SETTINGS,
        ...(await readSecret<Partial<VaultSettings>>(ctx, 'settings')),
      };
    },
    async updateSettings(patch) {
      const key = await requireKey(ctx);
      const current = {
        ...DEFAULT_SETTINGS,
        ...(await readSecret<Partial<VaultSettings>>(ctx, 'settings')),
      };
      const next = validateSettings({ ...current, ...patch });
      const sealed = await sealJson(key, next, adFor('secrets', 'settings'));
      try {
        await db.secrets.put({ id: 'settings', sealed });
      } catch (e) {
        throw asWriteError(e, 'Saving settings', []);
      }
      return next;
    },
    commitCapture: (input) => commitCapture(ctx, input),
    listItems: () => listItems(ctx),
    getItem: (id) => getItem(ctx, id),
    readFile: (itemId, path) => readFile(ctx, itemId, path),
    custodyLines: () => readCustodyLines(ctx),
    async prepareCustodyEvent(input) {
      return prepareCustody(ctx, await requireKey(ctx), input);
    },
    commitCustodyEvent: (prepared) => commitCustody(ctx, prepared),
    getClassification: (itemId) => getClassification(ctx, itemId),
    listClassifications: () => listClassifications(ctx),
    saveClassification: (itemId, value) => saveClassification(ctx, itemId, value),
  };
}
