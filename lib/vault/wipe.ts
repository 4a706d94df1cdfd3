// SPDX-License-Identifier: AGPL-3.0-or-later
import type { VaultContext } from './context';

/** Tables that hold keys: destroyed together, first, so the rest is undecryptable at once. */
const KEY_TABLES = ['header', 'secrets'] as const;

export interface WipeHooks {
  /** Called once the key transaction has committed (tests time it and simulate a kill here). */
  afterKeys?: () => void | Promise<void>;
}

/**
 * Crypto-shredding: one transaction deletes the wrapped key slots and the sealed identity and
 * settings, the session key is dropped, and only then is the ciphertext removed. Killed after the
 * first step, the leftovers are ciphertext under a key that no longer exists anywhere, and
 * `purgeOrphans` deletes them on the next start.
 */
export async function wipeVault(ctx: VaultContext, hooks: WipeHooks = {}): Promise<void> {
  const { db } = ctx;
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
 * Finishes an interrupted wipe: without a header nothing left can ever be decrypted, so any
 * record still there is deleted. Returns true when something was deleted.
 */
export async function purgeOrphans(ctx: VaultContext): Promise<boolean> {
  const { db } = ctx;
  if (await db.header.get('vault')) return false;
  const counts = await Promise.all(db.tables.map((t) => t.count()));
  if (counts.every((n) => n === 0)) return false;
  await db.transaction('rw', db.tables, async () => {
    // Re-checked inside: a vault created meanwhile is not an orphan.
    if (await db.header.get('vault')) return;
    await Promise.all(db.tables.map((t) => t.clear()));
  });
  return true;
}
