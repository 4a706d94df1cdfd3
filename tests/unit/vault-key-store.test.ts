// SPDX-License-Identifier: AGPL-3.0-or-later
// The session key store keeps the key it imported, but never past a lock, a wipe or a restart:
// whatever removes or replaces the session entry, the next read finds what the entry holds now.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { generateDataKey, open, seal } from '../../lib/crypto/index';
import { createKeyStore, SESSION_KEY_NAME, type SessionArea } from '../../lib/vault/index';

const AD = { table: 'secrets', id: 'probe', schemaVersion: 1 } as const;

/** fakeBrowser's session area, counting reads; `hold` delays the next read until released. */
function countingArea() {
  const session = fakeBrowser.storage.session;
  let reads = 0;
  let held: Promise<void> | null = null;
  const area: SessionArea = {
    get: async (key) => {
      reads++;
      const value = await session.get(key);
      if (held) await held;
      return value;
    },
    set: (items) => session.set(items),
    remove: (key) => session.remove(key),
    onChanged: session.onChanged,
  };
  return {
    area,
    reads: () => reads,
    hold() {
      let release = () => undefined as void;
      held = new Promise<void>((r) => (release = r));
      return () => {
        held = null;
        release();
      };
    },
  };
}

/** Whether `key` is the data key `raw` stands for (it opens what that key sealed). */
async function isKeyOf(key: CryptoKey | null, sealedBy: CryptoKey): Promise<boolean> {
  if (!key) return false;
  const sealed = await seal(sealedBy, new Uint8Array([1, 2, 3]), AD);
  return open(key, sealed, AD).then(
    () => true,
    () => false,
  );
}

beforeEach(() => fakeBrowser.reset());

describe('session key store', () => {
  it('reads and imports the key once while it stays in the session', async () => {
    const { area, reads } = countingArea();
    const store = createKeyStore(area);
    const { key, raw } = await generateDataKey();
    await store.put(raw);
    for (let i = 0; i < 5; i++) expect(await isKeyOf(await store.get(), key)).toBe(true);
    expect(reads()).toBe(1);
  });

  it('drops the key on lock, on a session cleared elsewhere (wipe, restart) and on a new key', async () => {
    const { area } = countingArea();
    const store = createKeyStore(area);
    const first = await generateDataKey();
    await store.put(first.raw);
    expect(await isKeyOf(await store.get(), first.key)).toBe(true);
    await store.clear();
    expect(await store.get()).toBeNull();

    await store.put(first.raw);
    expect(await isKeyOf(await store.get(), first.key)).toBe(true);
    await fakeBrowser.storage.session.clear();
    expect(await store.get()).toBeNull();

    // Another context's store (the vault page's) puts a different key: this one follows.
    await store.put(first.raw);
    expect(await isKeyOf(await store.get(), first.key)).toBe(true);
    const second = await generateDataKey();
    await createKeyStore(fakeBrowser.storage.session).put(second.raw);
    expect(await isKeyOf(await store.get(), second.key)).toBe(true);
  });

  it('keeps nothing from a read that a lock overtook', async () => {
    const counting = countingArea();
    const store = createKeyStore(counting.area);
    const { key, raw } = await generateDataKey();
    await store.put(raw);
    const release = counting.hold();
    const reading = store.get();
    await store.clear();
    release();
    // The read began before the lock and answers as it would have; the lock still holds after.
    expect(await isKeyOf(await reading, key)).toBe(true);
    expect(await fakeBrowser.storage.session.get(SESSION_KEY_NAME)).toEqual({});
    expect(await store.get()).toBeNull();
  });
});
