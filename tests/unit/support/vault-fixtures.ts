// SPDX-License-Identifier: AGPL-3.0-or-later
// Test helpers for the vault: real Dexie over an isolated fake-indexeddb factory, WXT's fake browser storage.
import { createHash } from 'node:crypto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing';
import { sha256Hex, utf8Encode } from '../../../lib/crypto/index';
import type { ItemJson } from '../../../lib/model/item';
import {
  createDb,
  createKeyStore,
  createVault,
  type AttestDb,
  type HeaderRow,
  type SecretRow,
  type Vault,
} from '../../../lib/vault/index';
import { createKeyDb } from '../../../lib/vault/key-db';

export const PASSPHRASE = 'correct horse battery staple 42';

export interface VaultHarness {
  factory: IDBFactory;
  dbName: string;
  /** The key database beside it (slots and sealed identity). */
  keysDbName: string;
  db: AttestDb;
  vault: Vault;
  /** A second vault object over the same database and session, as a restarted service worker would build. */
  reopen(): Vault;
}

let counter = 0;

/** A fresh, empty database in its own IndexedDB factory, with a key store over fakeBrowser's session area. */
export function createHarness(): VaultHarness {
  const factory = new IDBFactory();
  const dbName = `attest-test-${++counter}`;
  const open = (): AttestDb => createDb({ name: dbName, indexedDB: factory, IDBKeyRange });
  const db = open();
  const keyStore = createKeyStore(fakeBrowser.storage.session);
  return {
    factory,
    dbName,
    keysDbName: db.keyDbOptions.name,
    db,
    vault: createVault({ db, keyStore }),
    reopen: () =>
      createVault({ db: open(), keyStore: createKeyStore(fakeBrowser.storage.session) }),
  };
}

/** Every object store of the database read through raw IndexedDB (not Dexie): keys and values. */
export async function rawDump(
  factory: IDBFactory,
  name: string,
): Promise<Record<string, { keys: unknown[]; values: unknown[] }>> {
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = factory.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('open failed'));
  });
  try {
    const out: Record<string, { keys: unknown[]; values: unknown[] }> = {};
    for (const store of Array.from(idb.objectStoreNames)) {
      const tx = idb.transaction(store, 'readonly');
      const os = tx.objectStore(store);
      const [keys, values] = await Promise.all(
        [os.getAllKeys(), os.getAll()].map(
          (req) =>
            new Promise<unknown[]>((resolve, reject) => {
              req.onsuccess = () => resolve(req.result as unknown[]);
              req.onerror = () => reject(req.error ?? new Error('read failed'));
            }),
        ),
      );
      out[store] = { keys: keys!, values: values! };
    }
    return out;
  } finally {
    idb.close();
  }
}

export interface SampleFile {
  path: string;
  bytes: Uint8Array;
}

/** An ItemJson plus files whose declared sizes and hashes are computed from the bytes, as capture does. */
export async function sampleCapture(opts: {
  id: string;
  capturedAt?: string;
  marker?: (field: string) => string;
  files?: SampleFile[];
}): Promise<{ item: ItemJson; files: SampleFile[] }> {
  const m = opts.marker ?? ((field: string) => field);
  const files = opts.files ?? [
    { path: 'screenshot-visible.png', bytes: utf8Encode(`PNG-ish bytes ${m('png')}`) },
    { path: 'dom-snapshot.html', bytes: utf8Encode(`<html><body>${m('html')}</body></html>`) },
  ];
  const entries = await Promise.all(
    files.map(async (f) => ({
      path: f.path,
      role: f.path.endsWith('.png') ? ('screenshot-visible' as const) : ('dom-snapshot' as const),
      sha256: await sha256Hex(f.bytes),
      bytes: f.bytes.length,
      mediaType: f.path.endsWith('.png') ? 'image/png' : 'text/html',
    })),
  );
  const item: ItemJson = {
    formatVersion: 1,
    id: opts.id,
    capturedAt: opts.capturedAt ?? '2024-05-01T10:00:00.000Z',
    timezone: 'Europe/Paris',
    source: {
      url: `https://example.org/${m('url')}`,
      finalUrl: `https://example.org/${m('finalUrl')}`,
      title: m('title'),
    },
    environment: {
      userAgent: 'Mozilla/5.0 test',
      browser: { name: 'chromium', version: '156' },
      extensionVersion: '0.1.0',
      viewport: { width: 1280, height: 800 },
      devicePixelRatio: 1,
    },
    collector: {
      name: m('collectorName'),
      fingerprint: 'A'.repeat(40),
      onBehalfOf: { name: m('onBehalfOf'), fingerprint: 'B'.repeat(40) },
    },
    files: entries,
    post: {
      platform: 'example',
      text: m('postText'),
      author: { handle: m('handle'), displayName: m('displayName') },
    },
    notes: [m('note')],
  };
  return { item, files };
}

/**
 * `rawDump` with every byte array replaced by its length and SHA-256, so before/after comparisons
 * of databases holding megabytes stay fast and still catch any changed byte.
 */
export async function dbSnapshot(h: VaultHarness): Promise<unknown> {
  const digest = (v: unknown): unknown => {
    if (v instanceof Uint8Array)
      return `bytes:${v.length}:${createHash('sha256').update(v).digest('hex')}`;
    if (Array.isArray(v)) return v.map(digest);
    if (typeof v === 'object' && v !== null)
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, digest(x)]));
    return v;
  };
  return digest(await rawDump(h.factory, h.dbName));
}

/**
 * `h`'s header and secrets rows as schema v3 to v5 kept them, before the key database: the key
 * slots in the header, the sealed identity among the secrets.
 */
export async function legacyKeyRows(
  h: VaultHarness,
): Promise<{ header: HeaderRow[]; secrets: SecretRow[] }> {
  const header = (await h.db.header.get('vault'))!;
  const keys = await createKeyDb(h.db.keyDbOptions).get(header.kdf.salt);
  if (!keys) throw new Error('the harness vault has no key row');
  return {
    header: [{ ...header, slots: keys.slots }],
    secrets: [...(await h.db.secrets.toArray()), { id: 'identity', sealed: keys.identity }],
  };
}
