// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * What the ally records share (allies.ts: invitations; hand-over-store.ts: hand-overs): their
 * sealed rows in the secrets table, and writes that go into the custody log in one transaction.
 */
import type { Table } from 'dexie';
import type { CustodyEventInput } from '../custody/index';
import { openJson, sealJson } from '../crypto/index';
import { adFor, asWriteError, requireKey, type VaultContext } from './context';
import {
  appendPreparedInTx,
  prepareCustody,
  prepareCustodyAfter,
  type CustodyInput,
} from './custody-store';
import { CaseNotFoundError, CustodyConflictError, VaultWriteError } from './errors';
import type { SecretRow } from './schema';

const MAX_ATTEMPTS = 5;

export async function readRow<T>(
  ctx: VaultContext,
  id: 'invitations' | 'imports',
  empty: T,
): Promise<T> {
  const key = await requireKey(ctx);
  const row = await ctx.db.secrets.get(id);
  return row ? openJson<T>(key, row.sealed, adFor('secrets', id)) : empty;
}

export async function sealRow(
  ctx: VaultContext,
  id: 'invitations' | 'imports',
  value: unknown,
): Promise<SecretRow> {
  return { id, sealed: await sealJson(await requireKey(ctx), value, adFor('secrets', id)) };
}

/**
 * Runs `write` and appends `event` in one transaction over `tables` (custody included), preparing
 * the event again when another writer moved the log head meanwhile.
 */
export async function withCustody(
  ctx: VaultContext,
  event: CustodyInput | [CustodyInput, ...CustodyEventInput[]],
  tables: Table[],
  write: () => Promise<unknown>,
  what: string,
): Promise<void> {
  const key = await requireKey(ctx);
  const [first, ...rest] = Array.isArray(event) ? event : [event];
  for (let attempt = 1; ; attempt++) {
    const prepared = [await prepareCustody(ctx, key, first)];
    for (const next of rest) prepared.push(await prepareCustodyAfter(key, prepared.at(-1)!, next));
    try {
      await ctx.db.transaction('rw', [ctx.db.custody, ...tables], async () => {
        for (const p of prepared) await appendPreparedInTx(ctx.db, p);
        await write();
      });
      return;
    } catch (e) {
      if (e instanceof CustodyConflictError && attempt < MAX_ATTEMPTS) continue;
      if (e instanceof CaseNotFoundError || e instanceof VaultWriteError) throw e;
      if (e instanceof Error && (e.name === 'ConstraintError' || e.name === 'BulkError'))
        throw new VaultWriteError(
          `${what}: an item already exists in the vault; nothing was saved`,
          {
            cause: e,
          },
        );
      throw asWriteError(e, what, [CustodyConflictError]);
    }
  }
}
