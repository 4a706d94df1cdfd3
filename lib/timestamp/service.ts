// SPDX-License-Identifier: AGPL-3.0-or-later
import type { TimestampReceipt } from './client';
import { createTimestampQueue, type FlushResult, type TimestampQueueStore } from './queue';
import { timestampClientFor, validateTimestampSettings, type TimestampSettings } from './settings';

/** The alarm that retries the queue: it survives a stopped service worker, a timer would not. */
export const TIMESTAMP_RETRY_ALARM = 'attest-timestamp-retry';
// Chromium does not fire alarms sooner than 30 s; a capture's own flush comes first anyway.
const MIN_ALARM_DELAY_MS = 30_000;

/** What the service needs of the vault (lib/vault satisfies it). */
export interface TimestampVault {
  status(): Promise<'uninitialized' | 'locked' | 'unlocked'>;
  timestampSettings(): Promise<TimestampSettings>;
  writeTimestampSettings(next: TimestampSettings): Promise<void>;
  timestampQueue: TimestampQueueStore;
  saveTimestampReceipt(itemId: string, receipt: TimestampReceipt): Promise<void>;
}

export interface TimestampAlarms {
  create(name: string, info: { when: number }): Promise<void> | void;
  clear(name: string): Promise<boolean>;
}

export interface TimestampStatus {
  enabled: boolean;
  /** Captures whose digest waits for the authority. */
  pending: number;
  /** The newest failure among them, as the client reported it. */
  lastError: string | null;
  /** UTC ISO 8601 of the next automatic try, when something waits and timestamps are on. */
  nextAttemptAt: string | null;
}

export interface TimestampSettingsView {
  settings: TimestampSettings;
  /** Subjects of the saved root certificates, so the user can check what they pasted. */
  rootSubjects: string[];
}

export interface TimestampService {
  settings(): Promise<TimestampSettingsView>;
  /** Validates (throws `TimestampSettingsError`) and saves; re-arms or clears the retry alarm. */
  update(next: TimestampSettings): Promise<TimestampSettingsView>;
  status(): Promise<TimestampStatus>;
  /**
   * Sends due digests (every one with `force`) when the vault is unlocked and timestamps are on;
   * otherwise sends nothing. Resolves null while locked. Re-arms or clears the retry alarm.
   */
  flush(options?: { force?: boolean }): Promise<FlushResult | null>;
  /** After a commit: arm the alarm first (the worker may stop), then flush. */
  afterCommit(): Promise<void>;
  isRetryAlarm(alarm: { name: string }): boolean;
}

/** The background's timestamp wiring: settings, queue flushes and the retry alarm. */
export function createTimestampService(deps: {
  vault: TimestampVault;
  fetch: typeof fetch;
  now: () => number;
  alarms: TimestampAlarms;
}): TimestampService {
  const { vault, now, alarms } = deps;
  const queue = createTimestampQueue(vault.timestampQueue, { now });

  async function status(): Promise<TimestampStatus> {
    const [settings, entries] = await Promise.all([
      vault.timestampSettings(),
      vault.timestampQueue.list(),
    ]);
    const failed = entries
      .filter((e) => e.lastError !== undefined)
      .sort((a, b) => b.nextAttemptAt - a.nextAttemptAt);
    const next = Math.min(...entries.map((e) => e.nextAttemptAt));
    return {
      enabled: settings.enabled,
      pending: entries.length,
      lastError: failed[0]?.lastError ?? null,
      nextAttemptAt:
        settings.enabled && entries.length > 0
          ? new Date(Math.max(next, now())).toISOString()
          : null,
    };
  }

  async function rearm(): Promise<void> {
    const s = await status();
    if (s.nextAttemptAt === null) {
      await alarms.clear(TIMESTAMP_RETRY_ALARM);
      return;
    }
    const when = Math.max(Date.parse(s.nextAttemptAt), now() + MIN_ALARM_DELAY_MS);
    await alarms.create(TIMESTAMP_RETRY_ALARM, { when });
  }

  // Flushes run one after another, each reading the queue afresh: a capture committed while
  // one is sending (a thread of posts) is sent by the next, not left for the alarm.
  let chain: Promise<unknown> = Promise.resolve();
  function flush(options: { force?: boolean } = {}): Promise<FlushResult | null> {
    const run = chain.then(() => flushNow(options));
    chain = run.catch(() => undefined);
    return run;
  }

  async function flushNow(options: { force?: boolean }): Promise<FlushResult | null> {
    if ((await vault.status()) !== 'unlocked') return null;
    try {
      const settings = await vault.timestampSettings();
      const client = timestampClientFor(settings, { fetch: deps.fetch, now });
      const result = await queue.flush(
        client,
        (itemId, receipt) => vault.saveTimestampReceipt(itemId, receipt),
        options,
      );
      await rearm();
      return result;
    } catch (e) {
      // Locked half-way: what was not stored stays queued for the next unlock.
      if ((await vault.status()) !== 'unlocked') return null;
      throw e;
    }
  }

  return {
    settings: async () => validateTimestampSettings(await vault.timestampSettings()),
    async update(next) {
      const checked = validateTimestampSettings(next);
      await vault.writeTimestampSettings(checked.settings);
      // Saving sends nothing by itself; what already waits gets (or loses) its retry alarm.
      await rearm();
      return checked;
    },
    status,
    flush,
    async afterCommit() {
      if ((await vault.status()) !== 'unlocked') return;
      if (!(await vault.timestampSettings()).enabled) return;
      await alarms.create(TIMESTAMP_RETRY_ALARM, { when: now() + MIN_ALARM_DELAY_MS });
      await flush();
    },
    isRetryAlarm: (alarm) => alarm.name === TIMESTAMP_RETRY_ALARM,
  };
}

/**
 * Wraps a commit so that each committed capture is offered to the authority at once; the
 * capture's answer does not wait for the network (the alarm retries if the worker stops).
 */
function flushAfterCommit<I>(
  commit: (input: I) => Promise<void>,
  service: Pick<TimestampService, 'afterCommit'>,
): (input: I) => Promise<void> {
  return async (input) => {
    await commit(input);
    service.afterCommit().catch((e: unknown) => console.error('Timestamps:', e));
  };
}

/** A capture's storage as the vault begins it (lib/vault's `CaptureDraft`). */
interface DraftLike<I> {
  add(path: string, bytes: Uint8Array): void;
  commit(item: I): Promise<void>;
}

/** `flushAfterCommit` for captures stored through drafts: each draft's commit is offered at once. */
export function flushAfterDraftCommit<I>(
  draftCapture: () => DraftLike<I>,
  service: Pick<TimestampService, 'afterCommit'>,
): () => DraftLike<I> {
  return () => {
    const draft = draftCapture();
    return {
      add: (path, bytes) => draft.add(path, bytes),
      commit: flushAfterCommit((item: I) => draft.commit(item), service),
    };
  };
}
