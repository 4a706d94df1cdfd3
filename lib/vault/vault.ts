// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseFields, CaseRecord } from '../model/case';
import type { Classification } from '../model/classification';
import type { AcceptedInvitation, ImportRecord, IssuedInvitation } from '../model/invitation';
import type { ItemRecord } from '../model/item';
import {
  acceptInvitation,
  readInvitations,
  recordIssuedInvitation,
  revokeInvitation,
} from './allies';
import { deleteItems, readImports, storeImport } from './hand-over-store';
import { createEventLine } from '../custody/index';
import {
  arrangeSlots,
  defaultKdfParams,
  deriveKek,
  generateDataKey,
  generateIdentity,
  openJson,
  seal,
  sealJson,
  sealJsonPadded,
  utf8Encode,
} from '../crypto/index';
import {
  getClassification,
  listClassifications,
  saveClassification,
  type ClassificationSaved,
} from './classifications';
import {
  createCase,
  currentCaseId,
  ensureDefaultCase,
  getCase,
  itemCases,
  listCases,
  selectCase,
  updateCase,
} from './cases';
import { adFor, asWriteError, requireKey, type VaultContext } from './context';
import {
  commitCustody,
  prepareCustody,
  readCustodyLines,
  type CustodyInput,
  type PreparedCustodyEvent,
} from './custody-store';
import { VaultCorruptError, VaultExistsError } from './errors';
import { moveItems, type CaseMove } from './move-items';
import {
  commitCapture,
  draftCapture,
  getItem,
  listItems,
  readFile,
  type CaptureDraft,
  type CaptureInput,
} from './items';
import { createKeyDb } from './key-db';
import type { KeyStore } from './key-store';
import {
  HEADER_PREFS_DEFAULTS,
  SCHEMA_VERSION,
  type AttestDb,
  type HeaderRow,
  type SecretId,
} from './schema';
import { DEFAULT_SETTINGS, validateSettings, type VaultSettings } from './settings';
import {
  clearDuressPassphrase,
  readSecurityPrefs,
  setDuressPassphrase,
  unlockVault,
  updateSecurityPrefs,
  type SecurityPrefs,
  type UnlockOutcome,
} from './unlock';
import { createRecipientStore, type RecipientStore } from './recipients';
import type { StorageEstimator } from './storage-full';
import {
  createTimestampQueueStore,
  getTimestampReceipt,
  readTimestampSettings,
  saveTimestampReceipt,
  writeTimestampSettings,
} from './timestamps';
import { moveLegacyKeys } from './vault-keys';
import { purgeOrphans, wipeVault, type WipeHooks } from './wipe';
import type { TimestampReceipt } from '../timestamp/client';
import type { TimestampQueueStore } from '../timestamp/queue';
import type { TimestampSettings } from '../timestamp/settings';

export type VaultStatus = 'uninitialized' | 'locked' | 'unlocked';

/** The sealed identity's plaintext is padded to a multiple of this. */
const IDENTITY_PAD_BYTES = 1024;

export interface VaultIdentity {
  name: string;
  fingerprint: string;
  publicKeyArmored: string;
  privateKeyArmored: string;
}

export interface Vault {
  status(): Promise<VaultStatus>;
  create(input: { passphrase: string; collectorName: string }): Promise<{ fingerprint: string }>;
  /** Resolves 'wiped' for the duress passphrase or the failure that reached the limit. */
  unlock(passphrase: string): Promise<UnlockOutcome>;
  lock(): Promise<void>;
  /** Panic wipe: keys first, then data; the profile then looks freshly installed. */
  wipe(hooks?: WipeHooks): Promise<void>;
  /** Deletes ciphertext left without a header by an interrupted wipe (run on every start). */
  purgeOrphans(): Promise<boolean>;
  setDuressPassphrase(input: { passphrase: string; duressPassphrase: string }): Promise<void>;
  clearDuressPassphrase(input: { passphrase: string }): Promise<void>;
  securityPrefs(): Promise<SecurityPrefs>;
  updateSecurityPrefs(patch: Partial<SecurityPrefs>): Promise<SecurityPrefs>;
  identity(): Promise<VaultIdentity>;
  settings(): Promise<VaultSettings>;
  updateSettings(patch: Partial<VaultSettings>): Promise<VaultSettings>;
  /** Commits a capture; with timestamps on, its digest is queued in the same transaction. */
  commitCapture(input: CaptureInput): Promise<void>;
  /** The same commit, its files sealed as they are made (see `CaptureDraft`). */
  draftCapture(caseId?: string): CaptureDraft;
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
  /** Every case, the default one first. */
  listCases(): Promise<CaseRecord[]>;
  getCase(id: string): Promise<CaseRecord | null>;
  createCase(fields: CaseFields): Promise<CaseRecord>;
  updateCase(id: string, fields: CaseFields): Promise<{ record: CaseRecord; fields: string[] }>;
  /** The case new captures go to. */
  currentCaseId(): Promise<string>;
  selectCase(id: string): Promise<void>;
  /** Every item's case id, by item id. */
  itemCases(): Promise<Map<string, string>>;
  /** Moves captures to case `to` and logs 'case-moved' (move-items.ts has the rule for allies). */
  moveItems(input: { itemIds: string[]; to: string }): Promise<CaseMove[]>;
  timestampSettings(): Promise<TimestampSettings>;
  /** Saves settings validated by lib/timestamp/settings.ts (the vault does not parse PEM). */
  writeTimestampSettings(next: TimestampSettings): Promise<void>;
  /** The sealed, persistent queue of digests waiting for a timestamp. */
  timestampQueue: TimestampQueueStore;
  /** Stores a checked receipt, logs 'timestamped' and drops the item from the queue. */
  saveTimestampReceipt(itemId: string, receipt: TimestampReceipt): Promise<void>;
  timestampReceipt(itemId: string): Promise<TimestampReceipt | null>;
  /** Hand-over recipients' public keys, sealed (recipients.ts). */
  recipients: RecipientStore;
  /** Ally invitations this vault issued (defender) and accepted (ally); docs/allies.md. */
  invitations(): Promise<{ issued: IssuedInvitation[]; accepted: AcceptedInvitation[] }>;
  recordIssuedInvitation(issued: IssuedInvitation): Promise<void>;
  /** Revokes an issued invitation (by its hash) and logs 'invitation-revoked'. */
  revokeInvitation(sha256: string): Promise<IssuedInvitation>;
  /** Creates the local case bound to a checked invitation. */
  acceptInvitation(accepted: Omit<AcceptedInvitation, 'caseId'>): Promise<CaseRecord>;
  /** Deletes handed-over captures and logs 'deleted'. */
  deleteItems(input: { caseId: string; bundleId: string; itemIds: string[] }): Promise<void>;
  /** Hand-overs imported, with the collector files that keep their items attributable. */
  imports(): Promise<ImportRecord[]>;
  storeImport(input: Parameters<typeof storeImport>[1]): Promise<ImportRecord>;
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
    ...HEADER_PREFS_DEFAULTS,
  };
  const slots = await arrangeSlots(kek, raw);
  const pgp = await generateIdentity({ name: input.collectorName });
  const identity: VaultIdentity = { name: input.collectorName.trim(), ...pgp };
  // Padded: its size on disk then tells nothing of the name's length or the key's encoding
  // (an OpenPGP signature's MPIs vary by a byte or two from key to key).
  const sealedIdentity = await sealJsonPadded(
    key,
    identity,
    adFor('secrets', 'identity'),
    IDENTITY_PAD_BYTES,
  );
  const sealedSettings = await sealJson(key, DEFAULT_SETTINGS, adFor('secrets', 'settings'));
  const { line } = createEventLine(null, {
    at: ctx.now().toISOString(),
    type: 'vault-created',
    details: { fingerprint: pgp.fingerprint },
  });
  const sealedLine = await seal(key, utf8Encode(line), adFor('custody', 0));
  const { db } = ctx;
  try {
    // The keys first, in a row named by this vault's fresh salt: until the header below names
    // it, the row belongs to no vault (a create that loses a race or is killed leaves only that).
    await ctx.keys.add({ id: kdf.salt, slots, identity: sealedIdentity });
    await db.transaction('rw', db.tables, async () => {
      if (await db.header.get('vault')) throw new VaultExistsError();
      // Without a header, anything left (an interrupted wipe) is ciphertext under a destroyed key.
      await Promise.all(db.tables.filter((t) => t.name !== 'header').map((t) => t.clear()));
      await db.header.add(header);
      await db.secrets.add({ id: 'settings', sealed: sealedSettings });
      await db.custody.add({ seq: 0, sealed: sealedLine });
    });
  } catch (e) {
    throw asWriteError(e, 'Creating the vault', [VaultExistsError]);
  }
  await ctx.keyStore.put(raw);
  raw.fill(0);
  await ensureDefaultCase(ctx);
  return { fingerprint: pgp.fingerprint };
}

/** The vault over one database and one session key store; every call re-reads state (the worker may restart). */
export function createVault({
  db,
  keyStore,
  now = () => new Date(),
  storage,
}: {
  db: AttestDb;
  keyStore: KeyStore;
  now?: () => Date;
  /** `navigator.storage`, so a write refused by a full disk is reported as such. */
  storage?: StorageEstimator;
}): Vault {
  const keys = createKeyDb(db.keyDbOptions);
  const ctx: VaultContext = { db, keys, keyStore, now, ...(storage ? { storage } : {}) };
  return {
    async status() {
      if (!(await db.header.get('vault'))) return 'uninitialized';
      return (await keyStore.get()) ? 'unlocked' : 'locked';
    },
    create: (input) => create(ctx, input),
    async unlock(passphrase) {
      const outcome = await unlockVault(ctx, passphrase);
      // A vault migrated from schema v3 gets its default case now that records can be sealed.
      if (outcome === 'unlocked') await ensureDefaultCase(ctx);
      return outcome;
    },
    lock: () => keyStore.clear(),
    wipe: (hooks) => wipeVault(ctx, hooks),
    purgeOrphans: () => purgeOrphans(ctx),
    setDuressPassphrase: (input) => setDuressPassphrase(ctx, input),
    clearDuressPassphrase: (input) => clearDuressPassphrase(ctx, input),
    securityPrefs: () => readSecurityPrefs(ctx),
    updateSecurityPrefs: (patch) => updateSecurityPrefs(ctx, patch),
    async identity() {
      const key = await requireKey(ctx);
      await moveLegacyKeys(ctx);
      const header = await db.header.get('vault');
      const row = header ? await ctx.keys.get(header.kdf.salt) : null;
      if (!row) throw new VaultCorruptError('The vault has no identity record');
      return openJson<VaultIdentity>(key, row.identity, adFor('secrets', 'identity'));
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
    draftCapture: (caseId) => draftCapture(ctx, caseId),
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
    listCases: () => listCases(ctx),
    getCase: (id) => getCase(ctx, id),
    createCase: (fields) => createCase(ctx, fields),
    updateCase: (id, fields) => updateCase(ctx, id, fields),
    currentCaseId: () => currentCaseId(ctx),
    selectCase: (id) => selectCase(ctx, id),
    itemCases: () => itemCases(ctx),
    moveItems: (input) => moveItems(ctx, input),
    timestampSettings: () => readTimestampSettings(ctx),
    writeTimestampSettings: (next) => writeTimestampSettings(ctx, next),
    timestampQueue: createTimestampQueueStore(ctx),
    saveTimestampReceipt: (itemId, receipt) => saveTimestampReceipt(ctx, itemId, receipt),
    timestampReceipt: (itemId) => getTimestampReceipt(ctx, itemId),
    recipients: createRecipientStore(ctx),
    invitations: () => readInvitations(ctx),
    recordIssuedInvitation: (issued) => recordIssuedInvitation(ctx, issued),
    revokeInvitation: (sha256) => revokeInvitation(ctx, sha256),
    acceptInvitation: (accepted) => acceptInvitation(ctx, accepted),
    deleteItems: (input) => deleteItems(ctx, input),
    imports: () => readImports(ctx),
    storeImport: (input) => storeImport(ctx, input),
  };
}
