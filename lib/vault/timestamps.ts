// SPDX-License-Identifier: AGPL-3.0-or-later
import { fromBase64, openJson, sealJson, sha256Hex, toBase64, utf8Encode } from '../crypto/index';
import type { TimestampReceipt } from '../timestamp/client';
import type { PendingTimestamp, TimestampQueueStore } from '../timestamp/queue';
import { DEFAULT_TIMESTAMP_SETTINGS, type TimestampSettings } from '../timestamp/settings';
import { adFor, asWriteError, requireKey, type VaultContext } from './context';
import { appendPreparedInTx, prepareCustody } from './custody-store';
import { CustodyConflictError, ItemNotFoundError, VaultCorruptError } from './errors';
import type { TimestampQueueRow, TimestampRow } from './schema';

// Another writer (a capture, an export) may append between prepare and commit.
const MAX_ATTEMPTS = 5;

/** A receipt as sealed in `timestamps` (bytes as base64: the record is JSON). */
interface StoredReceipt extends Omit<TimestampReceipt, 'response'> {
  responseBase64: string;
}

/** The user's timestamp authority settings; off and empty until the user chooses otherwise. */
export async function readTimestampSettings(ctx: VaultContext): Promise<TimestampSettings> {
  const key = await requireKey(ctx);
  const row = await ctx.db.secrets.get('timestamps');
  const stored = row
    ? await openJson<Partial<TimestampSettings>>(key, row.sealed, adFor('secrets', 'timestamps'))
    : {};
  return { ...DEFAULT_TIMESTAMP_SETTINGS, ...stored };
}

/** Seals and saves already-validated settings (lib/timestamp/settings.ts validates). */
export async function writeTimestampSettings(
  ctx: VaultContext,
  next: TimestampSettings,
): Promise<void> {
  const value: TimestampSettings = {
    enabled: next.enabled,
    url: next.url,
    rootsPem: next.rootsPem,
  };
  const sealed = await sealJson(await requireKey(ctx), value, adFor('secrets', 'timestamps'));
  try {
    await ctx.db.secrets.put({ id: 'timestamps', sealed });
  } catch (e) {
    throw asWriteError(e, 'Saving the timestamp settings', []);
  }
}

/**
 * The queue row for a capture whose 'captured' line is `line`: the token must cover that line's
 * SHA-256 (lib/bundle/timestamps.ts), so that is the digest queued.
 */
export async function sealQueueEntry(
  ctx: VaultContext,
  key: CryptoKey,
  itemId: string,
  line: string,
): Promise<TimestampQueueRow> {
  const at = ctx.now().getTime();
  const entry: PendingTimestamp = {
    itemId,
    sha256Hex: await sha256Hex(utf8Encode(line)),
    queuedAt: new Date(at).toISOString(),
    attempts: 0,
    nextAttemptAt: at,
  };
  return { id: itemId, sealed: await sealJson(key, entry, adFor('timestampQueue', itemId)) };
}

/** The persistent, sealed store behind lib/timestamp's queue. */
export function createTimestampQueueStore(ctx: VaultContext): TimestampQueueStore {
  return {
    async list() {
      const key = await requireKey(ctx);
      const out: PendingTimestamp[] = [];
      for (const row of await ctx.db.timestampQueue.toArray()) {
        const entry = await openJson<PendingTimestamp>(
          key,
          row.sealed,
          adFor('timestampQueue', row.id),
        );
        if (entry.itemId !== row.id)
          throw new VaultCorruptError(`Timestamp queue row ${row.id} holds item ${entry.itemId}`);
        out.push(entry);
      }
      return out;
    },
    async put(entry) {
      const key = await requireKey(ctx);
      const sealed = await sealJson(key, entry, adFor('timestampQueue', entry.itemId));
      try {
        await ctx.db.timestampQueue.put({ id: entry.itemId, sealed });
      } catch (e) {
        throw asWriteError(e, 'Queueing the timestamp', []);
      }
    },
    async remove(itemId) {
      await ctx.db.timestampQueue.delete(itemId);
    },
  };
}

/** The sealed `timestamps` row of `itemId`'s receipt. */
export async function sealReceipt(
  key: CryptoKey,
  itemId: string,
  receipt: TimestampReceipt,
): Promise<TimestampRow> {
  const { response, ...rest } = receipt;
  const stored: StoredReceipt = { ...rest, responseBase64: toBase64(response) };
  return { id: itemId, sealed: await sealJson(key, stored, adFor('timestamps', itemId)) };
}

/**
 * Stores the item's receipt and appends a 'timestamped' custody event in one transaction, and
 * drops the item from the queue in the same transaction (a receipt is never lost half-way).
 */
export async function saveTimestampReceipt(
  ctx: VaultContext,
  itemId: string,
  receipt: TimestampReceipt,
): Promise<void> {
  const key = await requireKey(ctx);
  if (!(await ctx.db.items.get(itemId))) throw new ItemNotFoundError(`No item ${itemId}`);
  const row = await sealReceipt(key, itemId, receipt);
  const details = {
    itemId,
    sha256: receipt.sha256Hex,
    genTime: receipt.genTime,
    tsa: receipt.tsaName,
    token: await sha256Hex(receipt.response),
  };
  const { db } = ctx;
  for (let attempt = 1; ; attempt++) {
    const prepared = await prepareCustody(ctx, key, { type: 'timestamped', itemId, details });
    try {
      await db.transaction('rw', [db.timestamps, db.timestampQueue, db.custody], async () => {
        await appendPreparedInTx(db, prepared);
        await db.timestamps.put(row);
        await db.timestampQueue.delete(itemId);
      });
      return;
    } catch (e) {
      if (e instanceof CustodyConflictError && attempt < MAX_ATTEMPTS) continue;
      throw asWriteError(e, 'Saving the timestamp', [CustodyConflictError]);
    }
  }
}

/** The item's timestamp as the bundle carries it, or null when it has none. */
export async function getTimestampReceipt(
  ctx: VaultContext,
  itemId: string,
): Promise<TimestampReceipt | null> {
  const key = await requireKey(ctx);
  const row = await ctx.db.timestamps.get(itemId);
  if (!row) return null;
  const { responseBase64, ...rest } = await openJson<StoredReceipt>(
    key,
    row.sealed,
    adFor('timestamps', itemId),
  );
  return { ...rest, response: fromBase64(responseBase64) };
}
