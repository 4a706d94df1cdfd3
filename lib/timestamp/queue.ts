// SPDX-License-Identifier: AGPL-3.0-or-later
import type { TimestampClient, TimestampReceipt } from './client';

/** One capture digest waiting for its timestamp. */
export interface PendingTimestamp {
  itemId: string;
  sha256Hex: string;
  /** UTC ISO 8601. */
  queuedAt: string;
  attempts: number;
  /** Milliseconds since the epoch before which it is not retried. */
  nextAttemptAt: number;
  lastError?: string;
}

/**
 * Where pending timestamps live. The vault implements it (sealed, like every record); the queue
 * keeps no state of its own, so a stopped service worker loses nothing.
 */
export interface TimestampQueueStore {
  list(): Promise<PendingTimestamp[]>;
  put(entry: PendingTimestamp): Promise<void>;
  remove(itemId: string): Promise<void>;
}

export interface FlushResult {
  stamped: string[];
  failed: Array<{ itemId: string; error: string }>;
  /** Entries left for later (failed or not yet due). */
  remaining: number;
}

export interface TimestampQueue {
  /** Queues an item's capture digest; a new digest for the same item replaces the old one. */
  enqueue(itemId: string, sha256Hex: string): Promise<void>;
  pending(): Promise<PendingTimestamp[]>;
  /**
   * Sends every due entry through `client`; with no client (no authority configured) sends
   * nothing. An entry leaves the queue only after `onStamped` has stored its receipt.
   */
  flush(
    client: TimestampClient | undefined,
    onStamped: (itemId: string, receipt: TimestampReceipt) => Promise<void>,
    options?: { force?: boolean },
  ): Promise<FlushResult>;
}

const MINUTE = 60_000;
const MAX_DELAY = 6 * 60 * MINUTE;

/** Delay before retry number `attempts` + 1: 1 min, 2, 4 … capped at 6 h. */
export function retryDelay(attempts: number): number {
  return Math.min(MINUTE * 2 ** Math.max(0, attempts - 1), MAX_DELAY);
}

/** The offline queue of capture digests to timestamp, over a persistent store. */
export function createTimestampQueue(
  store: TimestampQueueStore,
  deps: { now: () => number },
): TimestampQueue {
  let running: Promise<FlushResult> | undefined;
  async function flushOnce(
    client: TimestampClient | undefined,
    onStamped: (itemId: string, receipt: TimestampReceipt) => Promise<void>,
    force: boolean,
  ): Promise<FlushResult> {
    const entries = await store.list();
    const result: FlushResult = { stamped: [], failed: [], remaining: entries.length };
    if (!client) return result;
    for (const entry of entries) {
      if (!force && entry.nextAttemptAt > deps.now()) continue;
      try {
        const receipt = await client.stamp(entry.sha256Hex);
        await onStamped(entry.itemId, receipt);
        await store.remove(entry.itemId);
        result.stamped.push(entry.itemId);
        result.remaining--;
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        const attempts = entry.attempts + 1;
        await store.put({
          ...entry,
          attempts,
          lastError: error,
          nextAttemptAt: deps.now() + retryDelay(attempts),
        });
        result.failed.push({ itemId: entry.itemId, error });
      }
    }
    return result;
  }
  return {
    async enqueue(itemId, sha256Hex) {
      if (!/^[0-9a-f]{64}$/i.test(sha256Hex))
        throw new TypeError('sha256Hex must be 64 hex digits');
      const digest = sha256Hex.toLowerCase();
      const existing = (await store.list()).find((e) => e.itemId === itemId);
      if (existing?.sha256Hex === digest) return;
      const at = deps.now();
      await store.put({
        itemId,
        sha256Hex: digest,
        queuedAt: new Date(at).toISOString(),
        attempts: 0,
        nextAttemptAt: at,
      });
    },
    pending: () => store.list(),
    flush(client, onStamped, options = {}) {
      // One flush at a time: two would timestamp the same digest twice.
      running ??= flushOnce(client, onStamped, options.force ?? false).finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}

/** A store in memory, for tests and for a vault that is locked (nothing persisted). */
export function createMemoryTimestampStore(): TimestampQueueStore {
  const entries = new Map<string, PendingTimestamp>();
  return {
    list: () => Promise.resolve([...entries.values()].map((e) => ({ ...e }))),
    put: (entry) => {
      entries.set(entry.itemId, { ...entry });
      return Promise.resolve();
    },
    remove: (itemId) => {
      entries.delete(itemId);
      return Promise.resolve();
    },
  };
}
