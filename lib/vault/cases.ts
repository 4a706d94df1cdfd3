// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  DEFAULT_CASE_ID,
  DEFAULT_TLP,
  changedCaseFields,
  normalizeCaseFields,
  type CaseFields,
  type CaseRecord,
} from '../model/case';
import { openJson, randomId, sealJson, type Sealed } from '../crypto/index';
import type { CustodyInput } from './custody-store';
import { adFor, asWriteError, requireKey, type VaultContext } from './context';
import { appendPreparedInTx, prepareCustody } from './custody-store';
import { CaseNotFoundError, CustodyConflictError, VaultCorruptError } from './errors';
import type { MembershipRow } from './schema';

// Another writer (a capture, an export) may append between prepare and commit.
const MAX_ATTEMPTS = 5;

async function openCase(key: CryptoKey, id: string, sealed: Sealed): Promise<CaseRecord> {
  const record = await openJson<CaseRecord>(key, sealed, adFor('cases', id));
  if (record.id !== id) throw new VaultCorruptError(`Case record ${id} holds case ${record.id}`);
  return record;
}

/**
 * Writes `record` and its custody event in one transaction. `onlyIfAbsent` makes a concurrent
 * second writer of the same new case (two pages creating the default case) a no-op.
 */
async function writeCase(
  ctx: VaultContext,
  key: CryptoKey,
  record: CaseRecord,
  event: CustodyInput,
  onlyIfAbsent: boolean,
): Promise<void> {
  const sealed = await sealJson(key, record, adFor('cases', record.id));
  for (let attempt = 1; ; attempt++) {
    const prepared = await prepareCustody(ctx, key, event);
    try {
      await ctx.db.transaction('rw', [ctx.db.cases, ctx.db.custody], async () => {
        if (onlyIfAbsent && (await ctx.db.cases.get(record.id))) return;
        await appendPreparedInTx(ctx.db, prepared);
        await ctx.db.cases.put({ id: record.id, sealed });
      });
      return;
    } catch (e) {
      if (e instanceof CustodyConflictError && attempt < MAX_ATTEMPTS) continue;
      throw asWriteError(e, 'Saving the case', [CustodyConflictError]);
    }
  }
}

/**
 * Creates the default case when the vault has none: at setup, and on the first unlocked use of a
 * vault migrated from schema v3 (the migration itself runs locked and cannot seal).
 */
export async function ensureDefaultCase(ctx: VaultContext): Promise<void> {
  const key = await requireKey(ctx);
  if (await ctx.db.cases.get(DEFAULT_CASE_ID)) return;
  const at = ctx.now().toISOString();
  const record: CaseRecord = {
    id: DEFAULT_CASE_ID,
    title: '',
    target: '',
    notes: '',
    tlp: DEFAULT_TLP,
    createdAt: at,
    updatedAt: at,
  };
  const event: CustodyInput = { at, type: 'case-created', details: { caseId: DEFAULT_CASE_ID } };
  await writeCase(ctx, key, record, event, true);
}

/** Every case, the default one first, then by creation. */
export async function listCases(ctx: VaultContext): Promise<CaseRecord[]> {
  await ensureDefaultCase(ctx);
  const key = await requireKey(ctx);
  const out: CaseRecord[] = [];
  for (const row of await ctx.db.cases.toArray()) out.push(await openCase(key, row.id, row.sealed));
  const rank = (c: CaseRecord) => (c.id === DEFAULT_CASE_ID ? 0 : 1);
  return out.sort(
    (a, b) =>
      rank(a) - rank(b) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
}

/** One case, or null. */
export async function getCase(ctx: VaultContext, id: string): Promise<CaseRecord | null> {
  const key = await requireKey(ctx);
  const row = await ctx.db.cases.get(id);
  return row ? openCase(key, row.id, row.sealed) : null;
}

/** A new case (random id) and its 'case-created' custody event, which names only the id. */
export async function createCase(ctx: VaultContext, fields: CaseFields): Promise<CaseRecord> {
  const key = await requireKey(ctx);
  await ensureDefaultCase(ctx);
  const at = ctx.now().toISOString();
  const record: CaseRecord = {
    id: randomId(),
    ...normalizeCaseFields(fields),
    createdAt: at,
    updatedAt: at,
  };
  const event: CustodyInput = { at, type: 'case-created', details: { caseId: record.id } };
  await writeCase(ctx, key, record, event, false);
  return record;
}

/** Saves an edit and a 'case-updated' event naming the changed fields; unchanged writes nothing. */
export async function updateCase(
  ctx: VaultContext,
  id: string,
  fields: CaseFields,
): Promise<{ record: CaseRecord; fields: string[] }> {
  const key = await requireKey(ctx);
  const before = await getCase(ctx, id);
  if (!before) throw new CaseNotFoundError(`No case ${id}`);
  const next = normalizeCaseFields(fields);
  const changed = changedCaseFields(before, next);
  if (changed.length === 0) return { record: before, fields: [] };
  const at = ctx.now().toISOString();
  const record: CaseRecord = { ...before, ...next, updatedAt: at };
  const event: CustodyInput = {
    at,
    type: 'case-updated',
    details: { caseId: id, fields: changed },
  };
  await writeCase(ctx, key, record, event, false);
  return { record, fields: changed };
}

/** The case new captures go to: the one last selected, or the default case. */
export async function currentCaseId(ctx: VaultContext): Promise<string> {
  const key = await requireKey(ctx);
  const row = await ctx.db.secrets.get('current-case');
  if (!row) return DEFAULT_CASE_ID;
  const { caseId } = await openJson<{ caseId: string }>(
    key,
    row.sealed,
    adFor('secrets', 'current-case'),
  );
  return (await ctx.db.cases.get(caseId)) ? caseId : DEFAULT_CASE_ID;
}

/** Makes `id` the case new captures go to. */
export async function selectCase(ctx: VaultContext, id: string): Promise<void> {
  const key = await requireKey(ctx);
  await ensureDefaultCase(ctx);
  if (!(await ctx.db.cases.get(id))) throw new CaseNotFoundError(`No case ${id}`);
  const sealed = await sealJson(key, { caseId: id }, adFor('secrets', 'current-case'));
  try {
    await ctx.db.secrets.put({ id: 'current-case', sealed });
  } catch (e) {
    throw asWriteError(e, 'Choosing the case', []);
  }
}

/** The sealed membership row that puts `itemId` in `caseId` (written with the capture). */
export async function sealMembership(
  key: CryptoKey,
  itemId: string,
  caseId: string,
): Promise<MembershipRow> {
  return { id: itemId, sealed: await sealJson(key, { caseId }, adFor('memberships', itemId)) };
}

/** The case of every item, by item id; items captured before cases existed are in the default case. */
export async function itemCases(ctx: VaultContext): Promise<Map<string, string>> {
  const key = await requireKey(ctx);
  const out = new Map<string, string>();
  for (const id of await ctx.db.items.toCollection().primaryKeys()) out.set(id, DEFAULT_CASE_ID);
  const rows = await ctx.db.memberships.toArray();
  const opened = await Promise.all(
    rows.map((r) => openJson<{ caseId: string }>(key, r.sealed, adFor('memberships', r.id))),
  );
  rows.forEach((r, i) => {
    if (out.has(r.id)) out.set(r.id, opened[i]!.caseId);
  });
  return out;
}
