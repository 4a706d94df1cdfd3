// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AcceptedInvitation } from '../model/invitation';
import type { ItemJson, ItemRecord, StoredFileRef } from '../model/item';
import { openJson, sealJson, sha256Hex, type Sealed } from '../crypto/index';
import { readBlob, sealChunks, type SealedChunks } from './blobs';
import { acceptedFor, allyItem } from './allies';
import { adFor, asWriteError, requireKey, type VaultContext } from './context';
import { currentCaseId, ensureDefaultCase, sealMembership } from './cases';
import {
  appendPreparedInTx,
  prepareCustody,
  prepareCustodyOn,
  readCustodyHead,
  type CustodyHead,
} from './custody-store';
import {
  CaptureIntegrityError,
  CaseNotFoundError,
  CustodyConflictError,
  ItemNotFoundError,
  VaultCorruptError,
  VaultReplacedError,
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

/**
 * A capture being stored: each file is hashed and sealed as soon as it is added, and what the
 * commit must read (the case, its invitation, the timestamp setting, the custody log's head) is
 * read meanwhile, so that once the last file exists only the write is left.
 */
export interface CaptureDraft {
  /** Starts hashing and sealing one of the files the item will declare. */
  add(path: string, bytes: Uint8Array): void;
  /** Stores the item with the files added: whole or not at all, as `commitCapture`. */
  commit(item: ItemJson): Promise<void>;
}

interface DraftFile {
  path: string;
  bytes: Uint8Array;
  /** Its SHA-256 and its chunks, sealed under the key the draft was started with. */
  done: Promise<{ sha256: string; sealed: SealedChunks }>;
}

/** What a commit reads before it writes; read under one key, which the files are sealed with. */
interface DraftWork {
  key: CryptoKey;
  /** The vault the capture was begun in (its KDF salt), or null if there was none. */
  vault: Promise<string | null>;
  reads: Promise<{
    caseId: string;
    bound: AcceptedInvitation | null;
    stamping: boolean;
    head: CustodyHead;
  }>;
  files: DraftFile[];
}

/** Starts a capture's storage now; see `CaptureDraft`. `caseId`: the current case when absent. */
export function draftCapture(ctx: VaultContext, caseId?: string): CaptureDraft {
  const given: Array<{ path: string; bytes: Uint8Array }> = [];
  // The vault of the moment the capture began: after a wipe nothing may land in another one.
  const vault = ctx.db.header.get('vault').then((h) => h?.kdf.salt ?? null);
  vault.catch(() => undefined); // awaited by commit

  function start(key: CryptoKey, files: Array<{ path: string; bytes: Uint8Array }>): DraftWork {
    const reads = (async () => {
      await ensureDefaultCase(ctx);
      const target = caseId ?? (await currentCaseId(ctx));
      // Each of these is a read of its own: side by side they cost the slowest one.
      const [bound, stamping, head] = await Promise.all([
        acceptedFor(ctx, target),
        readTimestampSettings(ctx).then((t) => t.enabled),
        readCustodyHead(ctx, key),
      ]);
      return { caseId: target, bound, stamping, head };
    })();
    reads.catch(() => undefined); // awaited by commit
    return { key, vault, reads, files: files.map((f) => sealing(key, f.path, f.bytes)) };
  }

  function sealing(key: CryptoKey, path: string, bytes: Uint8Array): DraftFile {
    // WebCrypto works off the thread: the hash and the seal run side by side.
    const done = Promise.all([sha256Hex(bytes), sealChunks(key, bytes)]).then(
      ([sha256, sealed]) => ({ sha256, sealed }),
    );
    done.catch(() => undefined); // awaited by commit
    return { path, bytes, done };
  }

  // Started with the key of the moment; a commit under another key (locked and opened again in
  // between) starts over with it. A file added before the key is known is sealed once it is
  // (these callbacks run in the order of the adds, all before the commit's).
  const early: Promise<DraftWork | null> = ctx.keyStore
    .get()
    .then((key) => (key ? start(key, []) : null))
    .catch(() => null);

  return {
    add(path, bytes) {
      given.push({ path, bytes });
      void early.then((work) => work?.files.push(sealing(work.key, path, bytes)));
    },
    async commit(item) {
      const key = await requireKey(ctx);
      const drafted = await early;
      const work = drafted?.key === key ? drafted : start(key, given);
      await commitDrafted(ctx, work, item);
    },
  };
}

/** Checks that the draft's files are exactly the files `item.files` declares, byte for byte. */
async function checkFiles(
  item: ItemJson,
  files: DraftFile[],
): Promise<Map<string, { file: DraftFile; sealed: SealedChunks }>> {
  if (!SAFE_ID.test(item.id) || item.id === '.' || item.id === '..') {
    throw new CaptureIntegrityError(`Item id ${JSON.stringify(item.id)} is not a safe id`);
  }
  const given = new Map<string, DraftFile>();
  for (const f of files) {
    if (given.has(f.path)) throw new CaptureIntegrityError(`File ${f.path} given twice`);
    given.set(f.path, f);
  }
  const checked = new Map<string, { file: DraftFile; sealed: SealedChunks }>();
  for (const entry of item.files) {
    if (checked.has(entry.path))
      throw new CaptureIntegrityError(`File ${entry.path} declared twice`);
    const file = given.get(entry.path);
    if (!file)
      throw new CaptureIntegrityError(`File ${entry.path} is declared but its bytes are missing`);
    if (!HEX64.test(entry.sha256))
      throw new CaptureIntegrityError(`File ${entry.path} has a malformed SHA-256`);
    if (file.bytes.length !== entry.bytes) {
      throw new CaptureIntegrityError(
        `File ${entry.path} is ${file.bytes.length} bytes, declared ${entry.bytes}`,
      );
    }
    const { sha256: actual, sealed } = await file.done;
    if (actual !== entry.sha256) {
      throw new CaptureIntegrityError(
        `File ${entry.path} hashes to ${actual}, declared ${entry.sha256}`,
      );
    }
    checked.set(entry.path, { file, sealed });
  }
  for (const path of given.keys()) {
    if (!checked.has(path))
      throw new CaptureIntegrityError(`File ${path} is not declared in item.json`);
  }
  return checked;
}

/**
 * Stores a capture whole or not at all: item record, case membership, every chunk and the
 * 'captured' custody event in one transaction, and, when timestamps are on, the digest to
 * timestamp in the same one (a stopped worker cannot leave a capture that is never stamped).
 * Everything is sealed first, because awaiting WebCrypto inside an IndexedDB transaction lets it
 * auto-commit half-way.
 */
export async function commitCapture(ctx: VaultContext, input: CaptureInput): Promise<void> {
  const draft = draftCapture(ctx, input.caseId);
  for (const f of input.files) draft.add(f.path, f.bytes);
  await draft.commit(input.item);
}

async function commitDrafted(ctx: VaultContext, work: DraftWork, input: ItemJson): Promise<void> {
  const { key } = work;
  const checked = await checkFiles(input, work.files);
  const [{ caseId, bound, stamping, head }, vault] = await Promise.all([work.reads, work.vault]);
  if (vault === null) throw new VaultReplacedError();
  // In an ally's case the collector also names the defender and the consent (allies.ts).
  const item = allyItem(ctx, input, bound);
  const details = { files: item.files.map((f) => ({ path: f.path, sha256: f.sha256 })) };
  const event = { type: 'captured', itemId: item.id, details } as const;
  const storedFiles: StoredFileRef[] = item.files.map((entry) => {
    const { blobId, chunks } = checked.get(entry.path)!.sealed;
    return { ...entry, blobId, chunks };
  });
  const chunkRows: ChunkRow[] = item.files.flatMap((e) => checked.get(e.path)!.sealed.rows);
  const record: ItemRecord = { item, storedFiles };
  const [sealedItem, membership, firstPrepared] = await Promise.all([
    sealJson(key, record, adFor('items', item.id)),
    sealMembership(key, item.id, caseId),
    prepareCustodyOn(ctx, key, head, event),
  ]);
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
        [db.header, db.items, db.chunks, db.custody, db.cases, db.memberships, db.timestampQueue],
        // Asked all at once: the transaction keeps their order, and any one failing (the vault
        // wiped, a case gone, a moved log head, an existing id) aborts them all.
        () =>
          Promise.all([
            db.header.get('vault').then((now) => {
              if (now?.kdf.salt !== vault) throw new VaultReplacedError();
            }),
            db.cases.get(caseId).then((found) => {
              if (!found) throw new CaseNotFoundError(`No case ${caseId}`);
            }),
            appendPreparedInTx(db, prepared),
            db.items.add({ id: item.id, sealed: sealedItem }),
            db.memberships.add(membership),
            db.chunks.bulkAdd(chunkRows),
            queued ? db.timestampQueue.put(queued) : undefined,
          ]),
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
      if (e instanceof CaseNotFoundError || e instanceof VaultReplacedError) throw e;
      const needed = chunkRows.reduce((n, row) => n + row.sealed.ct.byteLength, 0);
      const full = await storageFullError(ctx.storage, e, needed, 'Saving the capture');
      if (full) throw full;
      throw asWriteError(e, 'Saving the capture', [CustodyConflictError]);
    }
  }
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
