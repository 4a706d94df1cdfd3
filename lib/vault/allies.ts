// SPDX-License-Identifier: AGPL-3.0-or-later
import { DEFAULT_TLP, type CaseRecord } from '../model/case';
import {
  consentOf,
  type AcceptedInvitation,
  type ImportRecord,
  type IssuedInvitation,
} from '../model/invitation';
import type { ItemJson, ItemRecord, StoredFileRef } from '../model/item';
import type { Classification } from '../model/classification';
import {
  changedFields,
  classificationJson,
  normalizeClassification,
} from '../model/classification-json';
import { openJson, randomId, sealJson, sha256Hex, utf8Encode } from '../crypto/index';
import type { TimestampReceipt } from '../timestamp/client';
import { sealReceipt } from './timestamps';
import { sealBlob } from './blobs';
import { sealMembership } from './cases';
import { adFor, asWriteError, requireKey, type VaultContext } from './context';
import {
  appendPreparedInTx,
  prepareCustody,
  prepareCustodyAfter,
  type CustodyInput,
} from './custody-store';
import type { CustodyEventInput } from '../custody/index';
import {
  CaseNotFoundError,
  CustodyConflictError,
  InvitationExpiredError,
  InvitationNotFoundError,
  VaultWriteError,
} from './errors';
import type { Table } from 'dexie';
import type {
  ChunkRow,
  ClassificationRow,
  ItemRow,
  MembershipRow,
  SecretRow,
  TimestampRow,
} from './schema';

type ItemRowSealed = ItemRow['sealed'];

interface InvitationsRow {
  issued: IssuedInvitation[];
  accepted: AcceptedInvitation[];
}

const MAX_ATTEMPTS = 5;

async function readRow<T>(ctx: VaultContext, id: 'invitations' | 'imports', empty: T): Promise<T> {
  const key = await requireKey(ctx);
  const row = await ctx.db.secrets.get(id);
  return row ? openJson<T>(key, row.sealed, adFor('secrets', id)) : empty;
}

async function sealRow(
  ctx: VaultContext,
  id: 'invitations' | 'imports',
  value: unknown,
): Promise<SecretRow> {
  return { id, sealed: await sealJson(await requireKey(ctx), value, adFor('secrets', id)) };
}

export async function readInvitations(ctx: VaultContext): Promise<InvitationsRow> {
  return readRow<InvitationsRow>(ctx, 'invitations', { issued: [], accepted: [] });
}

export async function readImports(ctx: VaultContext): Promise<ImportRecord[]> {
  return readRow<ImportRecord[]>(ctx, 'imports', []);
}

/**
 * Runs `write` and appends `event` in one transaction over `tables` (custody included), preparing
 * the event again when another writer moved the log head meanwhile.
 */
async function withCustody(
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

/** Keeps an invitation the defender made, and logs it (case id, hash and expiry only). */
export async function recordIssuedInvitation(
  ctx: VaultContext,
  issued: IssuedInvitation,
): Promise<void> {
  if (!(await ctx.db.cases.get(issued.caseId)))
    throw new CaseNotFoundError(`No case ${issued.caseId}`);
  const current = await readInvitations(ctx);
  const row = await sealRow(ctx, 'invitations', {
    ...current,
    issued: [...current.issued, issued],
  });
  const event: CustodyInput = {
    type: 'invitation-issued',
    details: { caseId: issued.caseId, invitation: issued.sha256, expiresAt: issued.expiresAt },
  };
  await withCustody(
    ctx,
    event,
    [ctx.db.secrets],
    () => ctx.db.secrets.put(row),
    'Saving the invitation',
  );
}

/**
 * Revokes an invitation this vault issued, from now on: a hand-over made under it is refused at
 * import. Logs 'invitation-revoked' with the invitation's hash only. Revoking twice keeps the
 * first date and writes nothing.
 */
export async function revokeInvitation(
  ctx: VaultContext,
  sha256: string,
): Promise<IssuedInvitation> {
  const current = await readInvitations(ctx);
  const found = current.issued.find((i) => i.sha256 === sha256);
  if (!found) throw new InvitationNotFoundError(`No invitation ${sha256} was issued here`);
  if (found.revokedAt) return found;
  const revoked: IssuedInvitation = { ...found, revokedAt: ctx.now().toISOString() };
  const row = await sealRow(ctx, 'invitations', {
    ...current,
    issued: current.issued.map((i) => (i.sha256 === sha256 ? revoked : i)),
  });
  const event: CustodyInput = {
    at: revoked.revokedAt,
    type: 'invitation-revoked',
    details: { invitation: sha256 },
  };
  await withCustody(
    ctx,
    event,
    [ctx.db.secrets],
    () => ctx.db.secrets.put(row),
    'Revoking the invitation',
  );
  return revoked;
}

/**
 * Accepts a checked invitation: a new local case titled as the defender's, bound to it, and an
 * 'invitation-accepted' event naming the case, the invitation's hash and the defender's key.
 */
export async function acceptInvitation(
  ctx: VaultContext,
  accepted: Omit<AcceptedInvitation, 'caseId'>,
): Promise<CaseRecord> {
  const key = await requireKey(ctx);
  const current = await readInvitations(ctx);
  if (current.accepted.some((a) => a.sha256 === accepted.sha256))
    throw new VaultWriteError('This invitation was already imported');
  const at = ctx.now().toISOString();
  const { invitation } = accepted;
  const record: CaseRecord = {
    id: randomId(),
    title: invitation.case.title,
    target: invitation.defender.name,
    notes: invitation.scope,
    tlp: DEFAULT_TLP,
    createdAt: at,
    updatedAt: at,
  };
  const sealedCase = await sealJson(key, record, adFor('cases', record.id));
  const row = await sealRow(ctx, 'invitations', {
    ...current,
    accepted: [...current.accepted, { ...accepted, caseId: record.id }],
  });
  const event: CustodyInput = {
    at,
    type: 'invitation-accepted',
    details: {
      caseId: record.id,
      invitation: accepted.sha256,
      expiresAt: invitation.expiresAt,
      defender: invitation.defender.fingerprint,
    },
  };
  await withCustody(
    ctx,
    event,
    [ctx.db.secrets, ctx.db.cases],
    async () => {
      await ctx.db.cases.add({ id: record.id, sealed: sealedCase });
      await ctx.db.secrets.put(row);
    },
    'Importing the invitation',
  );
  return record;
}

/** The accepted invitation `caseId` is bound to, if any. */
export async function acceptedFor(
  ctx: VaultContext,
  caseId: string,
): Promise<AcceptedInvitation | null> {
  return (await readInvitations(ctx)).accepted.find((a) => a.caseId === caseId) ?? null;
}

/**
 * The item as it is stored in `caseId`: in an ally's case, its collector gains `onBehalfOf` (the
 * defender) and `consent`. A capture after the invitation expired is outside the consent: refused.
 */
export async function allyItem(
  ctx: VaultContext,
  item: ItemJson,
  caseId: string,
): Promise<ItemJson> {
  const bound = await acceptedFor(ctx, caseId);
  if (!bound) return item;
  const { invitation } = bound;
  if (ctx.now().getTime() >= Date.parse(invitation.expiresAt))
    throw new InvitationExpiredError(
      `The invitation for this case expired on ${invitation.expiresAt}: nothing was saved`,
    );
  return {
    ...item,
    collector: {
      name: item.collector.name,
      fingerprint: item.collector.fingerprint,
      onBehalfOf: { ...invitation.defender },
      consent: consentOf(invitation, bound.sha256),
    },
  };
}

/**
 * Deletes the local copies of `itemIds` (records, file chunks, memberships, classifications,
 * timestamps) and logs 'deleted' with their ids, in one transaction.
 */
export async function deleteItems(
  ctx: VaultContext,
  input: { caseId: string; bundleId: string; itemIds: string[] },
): Promise<void> {
  const key = await requireKey(ctx);
  const blobIds: string[] = [];
  for (const id of input.itemIds) {
    const row = await ctx.db.items.get(id);
    if (!row) continue;
    const record = await openJson<ItemRecord>(key, row.sealed, adFor('items', id));
    blobIds.push(...record.storedFiles.map((f) => f.blobId));
  }
  const { db } = ctx;
  const event: CustodyInput = {
    type: 'deleted',
    details: {
      caseId: input.caseId,
      bundleId: input.bundleId,
      reason: 'handed-over',
      items: input.itemIds,
    },
  };
  await withCustody(
    ctx,
    event,
    [db.items, db.chunks, db.memberships, db.classifications, db.timestamps, db.timestampQueue],
    async () => {
      await db.chunks.where('blobId').anyOf(blobIds).delete();
      for (const t of [
        db.items,
        db.memberships,
        db.classifications,
        db.timestamps,
        db.timestampQueue,
      ])
        await t.bulkDelete(input.itemIds);
    },
    'Deleting the handed-over captures',
  );
}

/** One capture of a verified hand-over, with the ally's classification and receipt if any. */
export interface ImportedItem {
  item: ItemJson;
  files: Map<string, Uint8Array>;
  classification?: Classification;
  timestamp?: TimestampReceipt;
}

/**
 * Stores a verified hand-over whole or not at all: every item (its item.json as signed, its
 * files re-hashed by the caller), its membership in the case, the ally's classification and
 * RFC 3161 receipt when it has them, the import record that keeps the collector's signed files,
 * an 'imported' custody event and, after it, an 'annotated' event for each classification kept
 * (its SHA-256, so the defender's own bundles carry it and verify).
 */
export async function storeImport(
  ctx: VaultContext,
  input: {
    record: Omit<ImportRecord, 'id' | 'importedAt'>;
    items: ImportedItem[];
  },
): Promise<ImportRecord> {
  const key = await requireKey(ctx);
  const { db } = ctx;
  if (!(await db.cases.get(input.record.caseId)))
    throw new CaseNotFoundError(`No case ${input.record.caseId}`);
  const invitation = (await readInvitations(ctx)).issued.find(
    (i) => i.sha256 === input.record.invitationSha256,
  );
  if (invitation?.revokedAt)
    throw new VaultWriteError(
      `The invitation was revoked on ${invitation.revokedAt}; nothing was imported`,
    );
  for (const { item } of input.items)
    if (await db.items.get(item.id))
      throw new VaultWriteError(`Item ${item.id} is already in the vault; nothing was imported`);
  const record: ImportRecord = {
    id: randomId(),
    importedAt: ctx.now().toISOString(),
    ...input.record,
  };
  const itemRows: Array<{ id: string; sealed: ItemRowSealed }> = [];
  const chunkRows: ChunkRow[] = [];
  const memberships: MembershipRow[] = [];
  const classificationRows: ClassificationRow[] = [];
  const timestampRows: TimestampRow[] = [];
  const annotated: CustodyEventInput[] = [];
  for (const { item, files, classification, timestamp } of input.items) {
    const storedFiles: StoredFileRef[] = [];
    for (const entry of item.files) {
      const bytes = files.get(entry.path);
      if (!bytes) throw new VaultWriteError(`Item ${item.id} has no bytes for ${entry.path}`);
      const { ref, rows } = await sealBlob(key, entry, bytes);
      storedFiles.push(ref);
      chunkRows.push(...rows);
    }
    const value: ItemRecord = { item, storedFiles, importId: record.id };
    itemRows.push({ id: item.id, sealed: await sealJson(key, value, adFor('items', item.id)) });
    memberships.push(await sealMembership(key, item.id, record.caseId));
    if (timestamp) timestampRows.push(await sealReceipt(key, item.id, timestamp));
    if (classification) {
      const c = normalizeClassification(classification);
      const details = {
        itemId: item.id,
        fields: changedFields(null, c),
        sha256: await sha256Hex(utf8Encode(classificationJson(c))),
        bundleId: record.bundleId,
      };
      const sealed = await sealJson(key, c, adFor('classifications', item.id));
      classificationRows.push({ id: item.id, sealed });
      annotated.push({ at: record.importedAt, type: 'annotated', itemId: item.id, details });
    }
  }
  const imports = await readImports(ctx);
  const row = await sealRow(ctx, 'imports', [...imports, record]);
  const event: CustodyInput = {
    at: record.importedAt,
    type: 'imported',
    details: {
      caseId: record.caseId,
      bundleId: record.bundleId,
      sha256: record.zipSha256,
      file: record.fileSha256,
      collector: record.collector.fingerprint,
      invitation: record.invitationSha256,
      items: record.items,
      ...(timestampRows.length ? { timestamped: timestampRows.map((r) => r.id) } : {}),
    },
  };
  await withCustody(
    ctx,
    [event, ...annotated],
    [db.items, db.chunks, db.memberships, db.secrets, db.cases, db.classifications, db.timestamps],
    async () => {
      await db.items.bulkAdd(itemRows);
      await db.memberships.bulkAdd(memberships);
      await db.chunks.bulkAdd(chunkRows);
      await db.classifications.bulkAdd(classificationRows);
      await db.timestamps.bulkAdd(timestampRows);
      await db.secrets.put(row);
    },
    'Importing the hand-over',
  );
  return record;
}
