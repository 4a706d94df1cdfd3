// SPDX-License-Identifier: AGPL-3.0-or-later
// A vault exactly as schema v3 left it (no cases, no memberships, no case custody events), made
// from a harness vault's rows with the real crypto and custody code, in a database opened at v3.
import { Dexie } from 'dexie';
import { expect } from 'vitest';
import { IDBKeyRange } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing';
import { seal, utf8Encode } from '../../../lib/crypto/index';
import { createEventLine, type CustodyEventInput } from '../../../lib/custody/index';
import { adFor } from '../../../lib/vault/context';
import { createKeyStore } from '../../../lib/vault/index';
import { legacyKeyRows, type VaultHarness } from './vault-fixtures';

/** The stores of schema versions 1 to 3, as lib/vault/schema.ts declared them before v4. */
function openV3(h: VaultHarness, name: string): Dexie {
  const db = new Dexie(name, { indexedDB: h.factory, IDBKeyRange });
  db.version(1).stores({
    header: 'id',
    secrets: 'id',
    items: 'id',
    chunks: 'id, blobId',
    custody: 'seq',
  });
  db.version(2).stores({ classifications: 'id' });
  db.version(3).stores({});
  return db;
}

/**
 * Writes database `name` at version 3 holding `h`'s header, identity, settings, items, chunks and
 * classifications, and its custody log re-chained without the case events v3 never wrote.
 */
export async function writeV3Copy(h: VaultHarness, name: string): Promise<void> {
  const key = await createKeyStore(fakeBrowser.storage.session).get();
  if (!key) throw new Error('the harness vault must be unlocked');
  const lines = (await h.vault.custodyLines())
    .map((l) => JSON.parse(l) as CustodyEventInput & { seq: number; prev: string })
    .filter((e) => !e.type.startsWith('case-'));
  let prev: string | null = null;
  const custody: Array<{ seq: number; sealed: Awaited<ReturnType<typeof seal>> }> = [];
  for (const e of lines) {
    const input: CustodyEventInput = {
      at: e.at,
      type: e.type,
      ...(e.itemId === undefined ? {} : { itemId: e.itemId }),
      details: e.details,
    };
    const { line, event } = createEventLine(prev, input);
    const sealed = await seal(key, utf8Encode(line), adFor('custody', event.seq));
    custody.push({ seq: event.seq, sealed });
    prev = line;
  }
  const v3 = openV3(h, name);
  await v3.open();
  expect(v3.verno).toBe(3);
  // Read first: awaiting another database inside the transaction would let it commit early.
  const legacy = await legacyKeyRows(h);
  const rows = {
    header: legacy.header,
    secrets: legacy.secrets.filter((r) => r.id !== 'current-case'),
    items: await h.db.items.toArray(),
    chunks: await h.db.chunks.toArray(),
    classifications: await h.db.classifications.toArray(),
    custody,
  };
  await v3.transaction('rw', v3.tables, async () => {
    for (const [table, values] of Object.entries(rows)) await v3.table(table).bulkAdd(values);
  });
  v3.close();
}
