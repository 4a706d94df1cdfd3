// SPDX-License-Identifier: AGPL-3.0-or-later
// The offline queue over an in-memory store, with a scripted client (no network).
import { describe, expect, it, vi } from 'vitest';
import {
  createMemoryTimestampStore,
  createTimestampQueue,
  DEFAULT_TIMESTAMP_SETTINGS,
  retryDelay,
  timestampClientFor,
  type TimestampClient,
  type TimestampReceipt,
} from '../../lib/timestamp/index';

const H1 = 'a'.repeat(64);
const H2 = 'b'.repeat(64);

function scriptedClient(outcomes: Array<'ok' | 'fail'>): TimestampClient & { calls: string[] } {
  const calls: string[] = [];
  return {
    url: 'http://tsa.invalid/',
    calls,
    stamp(sha256Hex) {
      calls.push(sha256Hex);
      if ((outcomes.shift() ?? 'fail') === 'fail') return Promise.reject(new Error('offline'));
      return Promise.resolve({ sha256Hex, genTime: 'g' } as TimestampReceipt);
    },
  };
}

describe('timestamp queue', () => {
  it('keeps one entry per item and replaces it when the digest changes', async () => {
    const queue = createTimestampQueue(createMemoryTimestampStore(), { now: () => 1000 });
    await queue.enqueue('i1', H1);
    await queue.enqueue('i1', H1.toUpperCase());
    expect(await queue.pending()).toEqual([
      {
        itemId: 'i1',
        sha256Hex: H1,
        queuedAt: new Date(1000).toISOString(),
        attempts: 0,
        nextAttemptAt: 1000,
      },
    ]);
    await queue.enqueue('i1', H2);
    expect((await queue.pending()).map((e) => e.sha256Hex)).toEqual([H2]);
    await expect(queue.enqueue('i2', 'nothex')).rejects.toThrow(TypeError);
  });

  it('sends nothing while no authority is configured (the default)', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    const queue = createTimestampQueue(createMemoryTimestampStore(), { now: () => 0 });
    await queue.enqueue('i1', H1);
    const client = timestampClientFor(DEFAULT_TIMESTAMP_SETTINGS, { fetch, now: () => 0 });
    expect(client).toBeUndefined();
    expect(
      timestampClientFor({ enabled: true, url: ' ', rootsPem: '' }, { fetch, now: () => 0 }),
    ).toBeUndefined();
    const result = await queue.flush(client, () => Promise.resolve());
    expect(result).toEqual({ stamped: [], failed: [], remaining: 1 });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('backs off after a failure, retries when due, and removes an entry once stored', async () => {
    let now = 10_000;
    const queue = createTimestampQueue(createMemoryTimestampStore(), { now: () => now });
    await queue.enqueue('i1', H1);
    await queue.enqueue('i2', H2);
    const client = scriptedClient(['fail', 'fail', 'ok', 'ok']);
    const stored: string[] = [];
    const onStamped = (id: string) => Promise.resolve(void stored.push(id));
    const first = await queue.flush(client, onStamped);
    expect(first.failed.map((f) => f.itemId)).toEqual(['i1', 'i2']);
    expect(first.remaining).toBe(2);
    const [e1] = await queue.pending();
    expect(e1).toMatchObject({ attempts: 1, lastError: 'offline', nextAttemptAt: now + 60_000 });
    now += 30_000;
    expect((await queue.flush(client, onStamped)).failed).toEqual([]);
    expect(client.calls).toHaveLength(2);
    now += 30_000;
    const later = await queue.flush(client, onStamped);
    expect(later).toEqual({ stamped: ['i1', 'i2'], failed: [], remaining: 0 });
    expect(stored).toEqual(['i1', 'i2']);
    expect(await queue.pending()).toEqual([]);
  });

  it('keeps the entry when storing the receipt fails', async () => {
    const queue = createTimestampQueue(createMemoryTimestampStore(), { now: () => 0 });
    await queue.enqueue('i1', H1);
    const result = await queue.flush(scriptedClient(['ok']), () =>
      Promise.reject(new Error('vault locked')),
    );
    expect(result.failed).toEqual([{ itemId: 'i1', error: 'vault locked' }]);
    expect(await queue.pending()).toHaveLength(1);
  });

  it('runs one flush at a time and caps the back-off', async () => {
    const queue = createTimestampQueue(createMemoryTimestampStore(), { now: () => 0 });
    await queue.enqueue('i1', H1);
    const client = scriptedClient(['ok']);
    const [a, b] = await Promise.all([
      queue.flush(client, () => Promise.resolve()),
      queue.flush(client, () => Promise.resolve()),
    ]);
    expect(a).toBe(b);
    expect(client.calls).toHaveLength(1);
    expect([1, 2, 3, 20].map(retryDelay)).toEqual([60_000, 120_000, 240_000, 6 * 3_600_000]);
  });
});
