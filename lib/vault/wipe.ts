// SPDX-License-Identifier: AGPL-3.0-or-later
import type { VaultContext } from './context';
import { moveLegacyKeys } from './vault-keys';

/** Tables that hold keys: destroyed together, first, so the rest is undecryptable at once. */
const KEY_TABLES = ['header', 'secrets'] as const;

export interface WipeHooks {
  /** Called once the key transaction has committed (tests time it and simulate a kill here). */
  afterKeys?: () => void | Promise<void>;
}

/**
 * Crypto-shredding: the key database (wrapped key slots, sealed identity) is deleted whole, so
 * its files are unlinked (key-db.ts); then one transaction deletes the header and the sealed
 * settings, the session key is dropped, and only then is the ciphertext removed. Killed after the
 * first step, the leftovers are ciphertext under a key that no longer exists anywhere, and
 * `purgeOrphans` deletes them on the next start.
 */
export async function wipeVault(ctx: VaultContext, hooks: WipeHooks = {}): Promise<void> {
  const { db } = ctx;
  await ctx.keys.destroy();
  await db.transaction('rw', [db.header, db.secrets], async () => {
    await Promise.all([db.header.clear(), db.secrets.clear()]);
  });
  await ctx.keyStore.clear();
  await hooks.afterKeys?.();
  await clearData(ctx);
}

// Every other table, including any a later schema version adds.
async function clearData({ db }: VaultContext): Promise<void> {
  const data = db.tables.filter((t) => !(KEY_TABLES as readonly string[]).includes(t.name));
  await db.transaction('rw', data, async () => {
    await Promise.all(data.map((t) => t.clear()));
  });
}

/**
 * Finishes an interrupted wipe (and moves the keys of a header older than the key database):
 * without a header or without its keys nothing left can ever be decrypted, so the key store and
 * any record still there are deleted. Returns true when something was deleted.
 */
export async function purgeOrphans(ctx: VaultContext): Promise<boolean> {
  const { db } = ctx;
  await moveLegacyKeys(ctx);
  const seen = await db.header.get('vault');
  if (seen && (await ctx.keys.get(seen.kdf.salt))) return false;
  // Rows without a header are left alone: a create writes its keys before its header.
  const destroyKeys = seen !== undefined || (await ctx.keys.leftover());
  if (destroyKeys) await ctx.keys.destroy();
  const counts = await Promise.all(db.tables.map((t) => t.count()));
  if (counts.every((n) => n === 0)) return destroyKeys;
  await db.transaction('rw', db.tables, async () => {
    // Re-checked inside: a vault created meanwhile is not an orphan.
    if ((await db.header.get('vault'))?.kdf.salt !== seen?.kdf.salt) return;
    await Promise.all(db.tables.map((t) => t.clear()));
  });
  return true;
}
