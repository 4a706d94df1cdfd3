// SPDX-License-Identifier: AGPL-3.0-or-later
import { fromBase64, importDataKey, toBase64 } from '../crypto/index';

/** The subset of `browser.storage.session` the key store needs (memory-only, cleared on browser restart). */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
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
 */
export function createKeyStore(area: SessionArea): KeyStore {
  return {
    async put(raw) {
      await area.set({ [SESSION_KEY_NAME]: toBase64(raw) });
    },
    async get() {
      const value = (await area.get(SESSION_KEY_NAME))[SESSION_KEY_NAME];
      if (typeof value !== 'string') return null;
      const raw = fromBase64(value);
      try {
        return await importDataKey(raw);
      } finally {
        raw.fill(0);
      }
    },
    async clear() {
      await area.remove(SESSION_KEY_NAME);
    },
  };
}
