// SPDX-License-Identifier: AGPL-3.0-or-later
// A person with a real vault of their own in this process (their own IndexedDB factory, their own
// memory-only session area, their own clock) and the export wiring their vault page would use:
// two of them make a defender and an ally.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { writeBundle } from '../../../lib/bundle/write';
import { encryptToRecipients, randomId, sha256Hex, signDetached } from '../../../lib/crypto/index';
import type { ExportDeps } from '../../../lib/export/export-bundle';
import { createDb, createKeyStore, createVault } from '../../../lib/vault/index';
import type { PreparedCustodyEvent } from '../../../lib/vault/index';
import { sampleCapture, type VaultHarness } from './vault-fixtures';

export const T0 = new Date('2026-03-01T09:00:00.000Z');

export function person(name: string) {
  const factory = new IDBFactory();
  const dbName = `attest-${name}`;
  const db = createDb({ name: dbName, indexedDB: factory, IDBKeyRange });
  const area = new Map<string, unknown>();
  const keyStore = createKeyStore({
    get: (k) => Promise.resolve(area.has(k) ? { [k]: area.get(k) } : {}),
    set: (items) => {
      for (const [k, v] of Object.entries(items)) area.set(k, v);
      return Promise.resolve();
    },
    remove: (k) => {
      area.delete(k);
      return Promise.resolve();
    },
  });
  const clock = { now: T0 };
  const vault = createVault({ db, keyStore, now: () => clock.now });
  const harness = {
    factory,
    dbName,
    keysDbName: db.keyDbOptions.name,
    db,
    vault,
    reopen: () => vault,
  } satisfies VaultHarness;
  const saved: Array<{ bytes: Uint8Array; filename: string }> = [];
  const exportDeps: ExportDeps<PreparedCustodyEvent> = {
    vault,
    writeBundle,
    signDetached,
    sha256Hex,
    randomId,
    generator: { name: 'Attest', version: '0.1.0', browser: 'test' },
    save: (bytes, filename) => {
      saved.push({ bytes, filename });
      return Promise.resolve(saved.length);
    },
    encryptToRecipients,
    now: () => clock.now,
  };
  return { name, vault, harness, clock, saved, exportDeps };
}
export type Person = ReturnType<typeof person>;

/** A capture by `p` into `caseId`, collected under p's own key; resolves with its id. */
export async function capture(p: Person, caseId: string, marker: string): Promise<string> {
  const { fingerprint } = await p.vault.identity();
  const { item, files } = await sampleCapture({
    id: randomId(),
    capturedAt: p.clock.now.toISOString(),
    marker: (f) => `${marker}-${f}`,
  });
  item.collector = { name: p.name, fingerprint };
  await p.vault.commitCapture({ item, files, caseId });
  return item.id;
}
