// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ItemJson, ItemRecord, StoredFileRef } from '../model/item';
import { openJson, sealJson, sha256Hex, type Sealed } from '../crypto/index';
import { readBlob, sealBlob } from './blobs';
import { allyItem } from './allies';
import { adFor, asWriteError, requireKey, type VaultContext } from './context';
import { currentCaseId, ensureDefaultCase, sealMembership } from './cases';
import { appendPreparedInTx, prepareCustody } from './custody-store';
import {
  CaptureIntegrityError,
  CaseNotFoundError,
  CustodyConflictError,
  ItemNotFoundError,
  VaultCorruptError,
  VaultWriteError,
} from './errors';
import type { ChunkRow, TimestampQueueRow } from './schema';
import { storageFullError } from './storage-full';
import { readTimestampSettings, sealQueueEntry } from './timestamps';

export interface CaptureInput {
  item: ItemJson;
  files: Array<{ path: string; bytes: Uint8Array }>;
  /** The case to file it in; the current case when absent. */
  caseId?: string;
}

const SAFE_ID = /^[A-Za-z0-9._-]{1,128}$/;
const HEX64 = /^[0-9a-f]{64}$/;
// Another writer (an export) may append between prepare and commit; a few retries settle it.
const MAX_ATTEMPTS = 5;

/** Checks that `files` are exactly the files `item.files` declares, byte for byte. */
async function checkCapture({ item, files }: CaptureInput): Promise<Map<string, Uint8Array>> {
  if (!SAFE_ID.test(item.id) || item.id === '.' || item.id === '..') {
    throw new CaptureIntegrityError(`Item id ${JSON.stringify(item.id)} is not a safe id`);
  }
  const given = new Map<string, Uint8Array>();
  for (const f of files) {
    if (given.has(f.path)) throw new CaptureIntegrityError(`File ${f.path} given twice`);
    given.set(f.path, f.bytes);
  }
  const declared = new Set<string>();
  for (const entry of item.files) {
    if (declared.has(entry.path))
      throw new CaptureIntegrityError(`File ${entry.path} declared twice`);
    declared.add(entry.path);
    const bytes = given.get(entry.path);
    if (!bytes)
      throw new CaptureIntegrityError(`File ${entry.path} is declared but its bytes are missing`);
    if (!HEX64.test(entry.sha256))
      throw new CaptureIntegrityError(`File ${entry.path} has a malformed SHA-256`);
    if (bytes.length !== entry.bytes) {
      throw new CaptureIntegrityError(
        `File ${entry.path} is ${bytes.length} bytes, declared ${entry.bytes}`,
      );
    }
    const actual = await sha256Hex(bytes);
    if (actual !== entry.sha256) {
      throw new CaptureIntegrityError(
        `File ${entry.path} hashes to ${actual}, declared ${entry.sha256}`,
      );
    }
  }
  for (const path of given.keys()) {
    if (!declared.has(path))
      throw new CaptureIntegrityError(`File ${path} is not declared in item.json`);
  }
  return given;
}

/**
 * Stores a capture whole or not at all: item record, case membership, every chunk and the
 * 'captured' custody event in one transaction, and, when timestamps are on, the digest to
 * timestamp in the same one (a stopped worker cannot leave a capture that is never stamped).
 * Everything is sealed first, because awaiting WebCrypto inside an IndexedDB transaction lets it
 * auto-commit half-way.
 */
export async function commitCapture(ctx: VaultContext, input: CaptureInput): Promise<void> {
  const key = await requireKey(ctx);
  // Each of these is a read or a check of its own: side by side they cost the slowest one.
  const [bytesByPath, { caseId, item }, stamping] = await Promise.all([
    checkCapture(input),
    caseAndItem(ctx, input),
    readTimestampSettings(ctx).then((s) => s.enabled),
  ]);
  const details = { files: item.files.map((f) => ({ path: f.path, sha256: f.sha256 })) };
  const event = { type: 'captured', itemId: item.id, details } as const;
  // WebCrypto works off the page's thread: the files, the membership and the custody event
  // are sealed side by side.
  const [sealed, membership, firstPrepared] = await Promise.all([
    Promise.all(item.files.map((entry) => sealBlob(key, entry, bytesByPath.get(entry.path)!))),
    sealMembership(key, item.id, caseId),
    prepareCustody(ctx, key, event),
  ]);
  const storedFiles: StoredFileRef[] = sealed.map(({ ref }) => ref);
  const chunkRows: ChunkRow[] = sealed.flatMap(({ rows }) => rows);
  const record: ItemRecord = { item, storedFiles };
  const sealedItem: Sealed = await sealJson(key, record, adFor('items', item.id));
  const { db } = ctx;

  for (let attempt = 1; ; attempt++) {
    // Another writer may have appended since the first was prepared: then it is prepared again.
    const prepared = attempt === 1 ? firstPrepared : await prepareCustody(ctx, key, event);
    const queued: TimestampQueueRow | undefined = stamping
      ? await sealQueueEntry(ctx, key, item.id, prepared.line)
      : undefined;
    try {
      await db.transaction(
        'rw',
        [db.items, db.chunks, db.custody, db.cases, db.memberships, db.timestampQueue],
        async () => {
          if (!(await db.cases.get(caseId))) throw new CaseNotFoundError(`No case ${caseId}`);
          await appendPreparedInTx(db, prepared);
          await db.items.add({ id: item.id, sealed: sealedItem });
          await db.memberships.add(membership);
          await db.chunks.bulkAdd(chunkRows);
          if (queued) await db.timestampQueue.put(queued);
        },
      );
      return;
    } catch (e) {
      if (e instanceof CustodyConflictError && attempt < MAX_ATTEMPTS) continue;
      if (e instanceof Error && e.name === 'ConstraintError') {
        throw new VaultWriteError(
          `Item ${item.id} could not be stored (it may already exist); nothing was saved`,
          {
            cause: e,
          },
        );
      }
      if (e instanceof CaseNotFoundError) throw e;
      const needed = chunkRows.reduce((n, row) => n + row.sealed.ct.byteLength, 0);
      const full = await storageFullError(ctx.storage, e, needed, 'Saving the capture');
      if (full) throw full;
      throw asWriteError(e, 'Saving the capture', [CustodyConflictError]);
    }
  }
}

/** The case the capture goes to (the default one made first if need be) and its item as filed there. */
async function caseAndItem(
  ctx: VaultContext,
  input: CaptureInput,
): Promise<{ caseId: string; item: ItemJson }> {
  await ensureDefaultCase(ctx);
  const caseId = input.caseId ?? (await currentCaseId(ctx));
  // In an ally's case the collector also names the defender and the consent (allies.ts).
  return { caseId, item: await allyItem(ctx, input.item, caseId) };
}

async function openRecord(key: CryptoKey, id: string, sealed: Sealed): Promise<ItemRecord> {
  const record = await openJson<ItemRecord>(key, sealed, adFor('items', id));
  if (record.item.id !== id)
    throw new VaultCorruptError(`Item record ${id} holds item ${record.item.id}`);
  return record;
}

/** All items, newest capture first. */
export async function listItems(ctx: VaultContext): Promise<ItemRecord[]> {
  const key = await requireKey(ctx);
  const rows = await ctx.db.items.toArray();
  const records: ItemRecord[] = [];
  for (const row of rows) records.push(await openRecord(key, row.id, row.sealed));
  return records.sort(
    (a, b) =>
      b.item.capturedAt.localeCompare(a.item.capturedAt) || a.item.id.localeCompare(b.item.id),
  );
}

/** One item, or null if there is none with this id. */
export async function getItem(ctx: VaultContext, id: string): Promise<ItemRecord | null> {
  const key = await requireKey(ctx);
  const row = await ctx.db.items.get(id);
  return row ? openRecord(key, row.id, row.sealed) : null;
}

/** The bytes of one evidence file, re-checked against its recorded size and SHA-256. */
export async function readFile(
  ctx: VaultContext,
  itemId: string,
  path: string,
): Promise<Uint8Array> {
  const record = await getItem(ctx, itemId);
  if (!record) throw new ItemNotFoundError(`No item ${itemId}`);
  const ref = record.storedFiles.find((f) => f.path === path);
  if (!ref) throw new ItemNotFoundError(`Item ${itemId} has no file ${path}`);
  return readBlob(ctx, await requireKey(ctx), ref);
}
