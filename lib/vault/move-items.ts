// SPDX-License-Identifier: AGPL-3.0-or-later
import { DEFAULT_CASE_ID } from '../model/case';
import type { ItemRecord } from '../model/item';
import { openJson, toHex } from '../crypto/index';
import { readInvitations } from './allies';
import { sealMembership } from './cases';
import { adFor, asWriteError, requireKey, type VaultContext } from './context';
import { appendPreparedInTx, prepareCustody, type CustodyInput } from './custody-store';
import {
  CaseBoundError,
  CaseNotFoundError,
  CustodyConflictError,
  ItemNotFoundError,
} from './errors';

// Another writer (a capture, an export) may append between prepare and commit.
const MAX_ATTEMPTS = 5;

/** One capture that changed case. */
export interface CaseMove {
  itemId: string;
  from: string;
}

/**
 * Moves captures to case `to`: their memberships and one 'case-moved' custody event (ids only)
 * in one transaction. Captures already there are left as they are; nothing moved writes nothing.
 * Refused whole (CaseBoundError) when a capture came from an ally's hand-over, or when either
 * case is an ally's case opened from an invitation: an ally's captures stay in the case their
 * consent names, and that case holds only captures made under it (docs/allies.md).
 */
export async function moveItems(
  ctx: VaultContext,
  input: { itemIds: string[]; to: string },
): Promise<CaseMove[]> {
  const key = await requireKey(ctx);
  const { db } = ctx;
  const { to } = input;
  if (!(await db.cases.get(to))) throw new CaseNotFoundError(`No case ${to}`);
  const bound = new Set((await readInvitations(ctx)).accepted.map((a) => a.caseId));
  const moves: CaseMove[] = [];
  // Each membership as read (its IV, or none): the commit checks no other move came between.
  const seen = new Map<string, string | null>();
  for (const itemId of new Set(input.itemIds)) {
    const row = await db.items.get(itemId);
    if (!row) throw new ItemNotFoundError(`No item ${itemId}`);
    const member = await db.memberships.get(itemId);
    const from = member
      ? (await openJson<{ caseId: string }>(key, member.sealed, adFor('memberships', itemId)))
          .caseId
      : DEFAULT_CASE_ID;
    if (from === to) continue;
    seen.set(itemId, member ? toHex(member.sealed.iv) : null);
    if (bound.has(from) || bound.has(to))
      throw new CaseBoundError(
        'A case opened from an invitation keeps its captures and takes no others; nothing was moved',
      );
    const record = await openJson<ItemRecord>(key, row.sealed, adFor('items', itemId));
    if (record.importId)
      throw new CaseBoundError(
        `Capture ${itemId} came from an ally's hand-over and stays in the case of its invitation; nothing was moved`,
      );
    moves.push({ itemId, from });
  }
  if (moves.length === 0) return [];
  const rows = await Promise.all(moves.map((m) => sealMembership(key, m.itemId, to)));
  const event: CustodyInput = { type: 'case-moved', details: { caseId: to, items: moves } };
  for (let attempt = 1; ; attempt++) {
    const prepared = await prepareCustody(ctx, key, event);
    try {
      await db.transaction('rw', [db.memberships, db.cases, db.items, db.custody], async () => {
        if (!(await db.cases.get(to))) throw new CaseNotFoundError(`No case ${to}`);
        // An item deleted meanwhile (an ally's hand-over) must not come back as a membership.
        const present = await db.items.bulkGet(moves.map((m) => m.itemId));
        const gone = moves.find((_, i) => !present[i]);
        if (gone) throw new ItemNotFoundError(`No item ${gone.itemId}`);
        const now = await db.memberships.bulkGet(moves.map((m) => m.itemId));
        if (moves.some((m, i) => (now[i] ? toHex(now[i].sealed.iv) : null) !== seen.get(m.itemId)))
          throw new CustodyConflictError('A capture changed case meanwhile; try again');
        await appendPreparedInTx(db, prepared);
        await db.memberships.bulkPut(rows);
      });
      return moves;
    } catch (e) {
      if (e instanceof CustodyConflictError && attempt < MAX_ATTEMPTS) continue;
      throw asWriteError(e, 'Moving the captures', [
        CustodyConflictError,
        CaseNotFoundError,
        ItemNotFoundError,
      ]);
    }
  }
}
