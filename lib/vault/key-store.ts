// SPDX-License-Identifier: AGPL-3.0-or-later
import { fromBase64, importDataKey, toBase64 } from '../crypto/index';

/** The subset of `browser.storage.session` the key store needs (memory-only, cleared on browser restart). */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
  /** Changes made to the area, from any of the extension's contexts. */
  onChanged?: { addListener(listener: (changes: Record<string, unknown>) => void): void };
}

export interface KeyStore {
  put(raw: Uint8Array): Promise<void>;
  get(): Promise<CryptoKey | null>;
  clear(): Promise<void>;
}

/** The storage.session entry holding the unwrapped data key while the vault is unlocked. */
export const SESSION_KEY_NAME = 'attest.dataKey';

/**
 * Keeps the data key in session storage so a stopped service worker does not lock the vault
 * but a browser restart does. Stored as base64 because Chrome's session area JSON-serialises.
 *
 * The key imported from it is kept too (non-extractable), so that a capture's dozen vault calls
 * do not each read the session area and import the key again. Only while the entry it came from
 * is unchanged: `clear` and `put` drop it before and after they change the area, a change made
 * elsewhere drops it when the area reports it, and a read that a change overtook keeps nothing.
 */
export function createKeyStore(area: SessionArea): KeyStore {
  let cached: CryptoKey | null = null;
  // Bumped whenever the entry may have changed: a read started before then keeps nothing.
  let generation = 0;
  const forget = () => {
    cached = null;
    generation++;
  };
  area.onChanged?.addListener((changes) => {
    if (SESSION_KEY_NAME in changes) forget();
  });
  return {
    async put(raw) {
      forget();
      await area.set({ [SESSION_KEY_NAME]: toBase64(raw) });
      forget();
    },
    async get() {
      if (cached) return cached;
      const seen = generation;
      const value = (await area.get(SESSION_KEY_NAME))[SESSION_KEY_NAME];
      if (typeof value !== 'string') return null;
      const raw = fromBase64(value);
      let key: CryptoKey;
      try {
        key = await importDataKey(raw);
      } finally {
        raw.fill(0);
      }
      if (seen === generation) cached = key;
      return key;
    },
    async clear() {
      forget();
      await area.remove(SESSION_KEY_NAME);
      // Again once it is gone: a read made while it went may have seen the old entry.
      forget();
    },
  };
}
