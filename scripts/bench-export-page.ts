// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Built into one script by scripts/bench-export.ts and evaluated in the unlocked vault page: the
 * export's floor for the same items, in the same browser. Each file is read back through lib/vault
 * (chunks decrypted, size and SHA-256 re-checked, as every export must), hashed again, and all of
 * them zipped with STORE. No report, no pack, no signature, no compression.
 */
import JSZip from 'jszip';
import { sha256Hex } from '../lib/crypto/index';
import { createDb, createKeyStore, createVault, type SessionArea } from '../lib/vault/index';

async function baseline(itemIds: string[]): Promise<{ ms: number; bytes: number; files: number }> {
  // Firefox's MV2 pages have storage.session under `browser` only.
  const api = globalThis as unknown as {
    browser?: { storage: { session: SessionArea } };
    chrome: { storage: { session: SessionArea } };
  };
  const session = (api.browser ?? api.chrome).storage.session;
  const db = createDb();
  const vault = createVault({ db, keyStore: createKeyStore(session) });
  try {
    const start = performance.now();
    const zip = new JSZip();
    let files = 0;
    for (const id of itemIds) {
      const record = await vault.getItem(id);
      if (!record) throw new Error(`no item ${id}`);
      for (const f of record.item.files) {
        const bytes = await vault.readFile(id, f.path);
        if ((await sha256Hex(bytes)) !== f.sha256) throw new Error(`${f.path} changed`);
        zip.file(`items/${id}/${f.path}`, bytes, { binary: true, compression: 'STORE' });
        files++;
      }
    }
    const out = await zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
    return { ms: performance.now() - start, bytes: out.length, files };
  } finally {
    db.close();
  }
}

(globalThis as { __attestBaseline?: typeof baseline }).__attestBaseline = baseline;
