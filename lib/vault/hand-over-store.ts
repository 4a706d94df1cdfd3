// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ImportRecord } from '../model/invitation';
import type { ItemJson, ItemRecord, StoredFileRef } from '../model/item';
import type { Classification } from '../model/classification';
import {
  changedFields,
  classificationJson,
  normalizeClassification,
} from '../model/classification-json';
import { openJson, randomId, sealJson, sha256Hex, utf8Encode } from '../crypto/index';
import type { TimestampReceipt } from '../timestamp/client';
import type { CustodyEventInput } from '../custody/index';
import { readInvitations } from './allies';
import { readRow, sealRow, withCustody } from './ally-writes';
import { sealBlob } from './blobs';
import { sealMembership } from './cases';
import { adFor, requireKey, type VaultContext } from './context';
import type { CustodyInput } from './custody-store';
import { CaseNotFoundError, VaultWriteError } from './errors';
import type { ChunkRow, ClassificationRow, ItemRow, MembershipRow, TimestampRow } from './schema';
import { sealReceipt } from './timestamps';

type ItemRowSealed = ItemRow['sealed'];

export async function readImports(ctx: VaultContext): Promise<ImportRecord[]> {
  return readRow<ImportRecord[]>(ctx, 'imports', []);
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
