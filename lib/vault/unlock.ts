// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  DecryptError,
  WrongPassphraseError,
  arrangeSlots,
  assertKdfParams,
  deriveKek,
  duressSlot,
  importDataKey,
  openJson,
  openSlots,
  type KeySlots,
} from '../crypto/index';
import { adFor, requireKey, type VaultContext } from './context';
import { DuressSameAsPassphraseError, VaultCorruptError, VaultNotInitializedError } from './errors';
import { SCHEMA_VERSION, type HeaderRow } from './schema';
import { moveLegacyKeys, readKeys } from './vault-keys';
import { wipeVault } from './wipe';

/** What an unlock did: opened the vault, or wiped it (duress passphrase, or too many failures). */
export type UnlockOutcome = 'unlocked' | 'wiped';

/** The preferences kept in clear in the header, because they act while the vault is locked. */
export interface SecurityPrefs {
  wipeAfterFailedUnlocks: number;
  confirmPanicWipe: boolean;
}

export const MAX_WIPE_AFTER_FAILED_UNLOCKS = 100;

async function readHeader(ctx: VaultContext): Promise<HeaderRow> {
  await moveLegacyKeys(ctx);
  const header = await ctx.db.header.get('vault');
  if (!header) throw new VaultNotInitializedError();
  if (header.schemaVersion !== SCHEMA_VERSION) {
    throw new VaultCorruptError(
      `Vault schema ${header.schemaVersion} is not supported by this version`,
    );
  }
  assertKdfParams(header.kdf);
  return header;
}

// Counted in a transaction so parallel attempts cannot lose a failure. Only while the lock-out is
// on: otherwise a wrong passphrase writes nothing at all.
async function recordFailure(ctx: VaultContext): Promise<boolean> {
  const { db } = ctx;
  return db.transaction('rw', db.header, async () => {
    const h = await db.header.get('vault');
    if (!h) throw new VaultNotInitializedError();
    if (!(h.wipeAfterFailedUnlocks > 0)) return false;
    const failedUnlocks = (h.failedUnlocks ?? 0) + 1;
    await db.header.update('vault', { failedUnlocks });
    return h.wipeAfterFailedUnlocks > 0 && failedUnlocks >= h.wipeAfterFailedUnlocks;
  });
}

/**
 * One Argon2id derivation, then every slot tried (see openSlots): the real passphrase, the duress
 * passphrase and a wrong one cost the same until the outcome is known.
 */
export async function unlockVault(ctx: VaultContext, passphrase: string): Promise<UnlockOutcome> {
  const header = await readHeader(ctx);
  const keys = await readKeys(ctx, header);
  const kek = await deriveKek(passphrase, header.kdf);
  const match = await openSlots(kek, keys.slots);
  if (match.kind === 'duress') {
    await wipeVault(ctx);
    return 'wiped';
  }
  if (match.kind === 'none') {
    if (await recordFailure(ctx)) {
      await wipeVault(ctx);
      return 'wiped';
    }
    throw new WrongPassphraseError();
  }
  const { raw } = match;
  try {
    // Slots swapped in from elsewhere would unwrap but not open our records: refuse them here.
    try {
      await openJson(await importDataKey(raw), keys.identity, adFor('secrets', 'identity'));
    } catch (e) {
      if (e instanceof DecryptError)
        throw new VaultCorruptError('The vault key does not open this vault’s records');
      throw e;
    }
    await ctx.keyStore.put(raw);
    if (header.failedUnlocks !== 0) await ctx.db.header.update('vault', { failedUnlocks: 0 });
  } finally {
    raw.fill(0);
  }
  return 'unlocked';
}

// Both slots are sealed afresh (new IVs, random order) on every change, so comparing two copies
// of the profile shows that the header changed, never which slot or why.
async function rewriteSlots(
  ctx: VaultContext,
  passphrase: string,
  makeOther: (header: HeaderRow) => Promise<KeySlots[number] | undefined>,
): Promise<void> {
  await requireKey(ctx);
  const header = await readHeader(ctx);
  const keys = await readKeys(ctx, header);
  const kek = await deriveKek(passphrase, header.kdf);
  const match = await openSlots(kek, keys.slots);
  if (match.kind !== 'data-key') throw new WrongPassphraseError();
  try {
    const slots = await arrangeSlots(kek, match.raw, await makeOther(header));
    // One row, one transaction: the old slots or the new ones, never a mix.
    if (!(await ctx.keys.updateSlots(header.kdf.salt, slots))) throw new VaultNotInitializedError();
  } finally {
    match.raw.fill(0);
  }
}

/** Sets (or replaces) the duress passphrase; the real passphrase is asked for again. */
export async function setDuressPassphrase(
  ctx: VaultContext,
  input: { passphrase: string; duressPassphrase: string },
): Promise<void> {
  if (input.duressPassphrase === '') throw new TypeError('A duress passphrase is required');
  if (input.duressPassphrase.normalize('NFC') === input.passphrase.normalize('NFC'))
    throw new DuressSameAsPassphraseError();
  await rewriteSlots(ctx, input.passphrase, async (header) =>
    duressSlot(await deriveKek(input.duressPassphrase, header.kdf)),
  );
}

/** Removes any duress passphrase: its slot becomes random bytes again. */
export async function clearDuressPassphrase(
  ctx: VaultContext,
  input: { passphrase: string },
): Promise<void> {
  await rewriteSlots(ctx, input.passphrase, () => Promise.resolve(undefined));
}

/** The lock-out and panic preferences (readable while locked). */
export async function readSecurityPrefs(ctx: VaultContext): Promise<SecurityPrefs> {
  const h = await ctx.db.header.get('vault');
  return {
    wipeAfterFailedUnlocks: h?.wipeAfterFailedUnlocks ?? 0,
    confirmPanicWipe: h?.confirmPanicWipe ?? true,
  };
}

/** Changes them; only while unlocked. */
export async function updateSecurityPrefs(
  ctx: VaultContext,
  patch: Partial<SecurityPrefs>,
): Promise<SecurityPrefs> {
  await requireKey(ctx);
  const n = patch.wipeAfterFailedUnlocks;
  if (n !== undefined && (!Number.isInteger(n) || n < 0 || n > MAX_WIPE_AFTER_FAILED_UNLOCKS))
    throw new RangeError(
      `wipeAfterFailedUnlocks must be 0 (off) to ${MAX_WIPE_AFTER_FAILED_UNLOCKS}`,
    );
  if (patch.confirmPanicWipe !== undefined && typeof patch.confirmPanicWipe !== 'boolean')
    throw new RangeError('confirmPanicWipe must be true or false');
  const changes: Partial<HeaderRow> = {};
  if (n !== undefined) Object.assign(changes, { wipeAfterFailedUnlocks: n, failedUnlocks: 0 });
  if (patch.confirmPanicWipe !== undefined) changes.confirmPanicWipe = patch.confirmPanicWipe;
  await ctx.db.header.update('vault', changes);
  return readSecurityPrefs(ctx);
}
