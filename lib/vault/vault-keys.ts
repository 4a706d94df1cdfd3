// SPDX-License-Identifier: AGPL-3.0-or-later
import type { VaultContext } from './context';
import { VaultCorruptError, VaultNotInitializedError } from './errors';
import type { HeaderRow, KeyRow } from './schema';

/**
 * The key row of `header`'s vault. None means a wipe was interrupted after the keys were
 * destroyed: the vault cannot be opened again (purgeOrphans deletes the rest).
 */
export async function readKeys(ctx: VaultContext, header: HeaderRow): Promise<KeyRow> {
  const row = await ctx.keys.get(header.kdf.salt);
  if (!row) throw new VaultNotInitializedError('The vault’s keys have been destroyed');
  if (!Array.isArray(row.slots) || row.slots.length !== 2)
    throw new VaultCorruptError('The vault has no key slots');
  return row;
}

/**
 * Moves the key slots and the sealed identity of a header written before the key database
 * (schema v3 to v5) into it: the key row first, then the old fields go. Killed in between, both
 * copies exist and the next call finishes. Needs no key (the values move sealed). Returns true
 * when it moved something. The old copies stay in the main database's files until the browser
 * compacts them (docs/threat-model.md).
 */
export async function moveLegacyKeys(ctx: VaultContext): Promise<boolean> {
  const { db } = ctx;
  const header = await db.header.get('vault');
  if (!header?.slots) return false;
  const salt = header.kdf.salt;
  if (!(await ctx.keys.get(salt))) {
    const identity = (await db.secrets.get('identity'))?.sealed;
    if (!identity) throw new VaultCorruptError('The vault has no identity record');
    await ctx.keys.add({ id: salt, slots: header.slots, identity });
  }
  await db.transaction('rw', [db.header, db.secrets], async () => {
    const now = await db.header.get('vault');
    if (now?.kdf.salt !== salt) return;
    delete now.slots;
    await db.header.put(now);
    await db.secrets.delete('identity');
  });
  return true;
}
