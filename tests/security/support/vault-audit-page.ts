// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Built into one script (vault-audit.ts) and evaluated in the unlocked vault page: reads the whole
 * vault through lib/vault itself, as the extension does (every item record decrypted, every file
 * read back, its chunks decrypted and its size and SHA-256 re-checked), and lists every chunk key.
 */
import { createDb, createKeyStore, createVault, type SessionArea } from '../../../lib/vault/index';

export interface VaultAudit {
  items: Array<{
    id: string;
    files: Array<{ path: string; blobId: string; chunks: number; bytes: number }>;
    /** Why a file did not read back whole and unchanged, one entry per such file. */
    failures: string[];
  }>;
  /** Every key of the `chunks` store (`<blobId>.<n>`). */
  chunkKeys: string[];
  custodyLines: string[];
}

async function audit(): Promise<VaultAudit> {
  // Firefox's MV2 `chrome.*` takes callbacks and returns undefined; its `browser.*` returns promises.
  type Api = { storage: { session: SessionArea } };
  const api = globalThis as unknown as { browser?: Api; chrome: Api };
  const db = createDb();
  const area = (api.browser ?? api.chrome).storage.session;
  const vault = createVault({ db, keyStore: createKeyStore(area) });
  try {
    const items: VaultAudit['items'] = [];
    for (const record of await vault.listItems()) {
      const failures: string[] = [];
      for (const ref of record.storedFiles) {
        await vault.readFile(record.item.id, ref.path).catch((e: unknown) => {
          failures.push(`${ref.path}: ${String(e)}`);
        });
      }
      const files = record.storedFiles.map((f) => ({
        path: f.path,
        blobId: f.blobId,
        chunks: f.chunks,
        bytes: f.bytes,
      }));
      items.push({ id: record.item.id, files, failures });
    }
    const chunkKeys = (await db.chunks.toCollection().primaryKeys()).map(String);
    return { items, chunkKeys, custodyLines: await vault.custodyLines() };
  } finally {
    db.close();
  }
}

(globalThis as { __attestAudit?: typeof audit }).__attestAudit = audit;
