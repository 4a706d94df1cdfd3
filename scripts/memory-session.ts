// SPDX-License-Identifier: AGPL-3.0-or-later
import type { SessionArea } from '../lib/vault/index';

/** `storage.session` for scripts that run the vault in Node: a Map, gone with the process. */
export function memorySession(): SessionArea {
  const m = new Map<string, unknown>();
  return {
    get: (k) => Promise.resolve(m.has(k) ? { [k]: m.get(k) } : {}),
    set: (items) => {
      for (const [k, v] of Object.entries(items)) m.set(k, v);
      return Promise.resolve();
    },
    remove: (k) => {
      m.delete(k);
      return Promise.resolve();
    },
  };
}
