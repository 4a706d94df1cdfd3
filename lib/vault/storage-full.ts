// SPDX-License-Identifier: AGPL-3.0-or-later
import { VaultFullError } from './errors';

/** `navigator.storage`: with `unlimitedStorage`, quota − usage is the disk's free space. */
export interface StorageEstimator {
  estimate(): Promise<{ quota?: number; usage?: number }>;
}

// Room a commit needs beyond its own bytes (LevelDB log, blob files written before the rename).
const HEADROOM_BYTES = 16 * 1024 * 1024;

function describe(e: unknown, depth = 0): string {
  if (!(e instanceof Error) || depth > 3) return String(e);
  const inner = (e as { inner?: unknown }).inner ?? e.cause;
  return `${e.name} ${e.message} ${inner === undefined ? '' : describe(inner, depth + 1)}`;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * A `VaultFullError` when the failed write `e` was for lack of space, else null. A full origin
 * quota is a QuotaExceededError, but Chromium reports a full disk as e.g. "DataError: Failed to
 * write blobs (IOError)" (seen in Chromium 156 on a full tmpfs), so the free space is asked too.
 */
export async function storageFullError(
  storage: StorageEstimator | undefined,
  e: unknown,
  neededBytes: number,
  what: string,
): Promise<VaultFullError | null> {
  const text = describe(e);
  if (/quota|disk.?full|no space/i.test(text)) {
    return new VaultFullError(`${what}: the storage is full; nothing was saved (${text.trim()})`, {
      cause: e,
    });
  }
  const estimate = await storage?.estimate().catch(() => undefined);
  if (estimate?.quota === undefined || estimate.usage === undefined) return null;
  const free = Math.max(0, estimate.quota - estimate.usage);
  if (free >= 2 * neededBytes + HEADROOM_BYTES) return null;
  return new VaultFullError(
    `${what}: ${mb(neededBytes)} needed, ${mb(free)} free; nothing was saved (${text.trim()})`,
    { cause: e },
  );
}
