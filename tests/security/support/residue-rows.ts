// SPDX-License-Identifier: AGPL-3.0-or-later
// What the residue tests plant in the extension's IndexedDB just before a wipe, from its page.

export interface PlantedRows {
  /** Written in clear into a row of the vault's own `items` table: the wipe deletes that row. */
  deleted: string;
  /** Written in clear into a database of its own that no wipe touches: the scan must find it. */
  kept: string;
  /** Stored as raw bytes (a Uint8Array, as the key slots are) in that same database. */
  keptBytes: string;
}

/** Source to evaluate in an extension page that plants `rows` (see PlantedRows). */
export const writeClearRowsSource = (rows: PlantedRows): string =>
  `(async () => {
  const put = (name, store, version, value, key) => new Promise((done, fail) => {
    const req = version ? indexedDB.open(name, version) : indexedDB.open(name);
    req.onupgradeneeded = () => req.result.createObjectStore(store);
    req.onerror = () => fail(new Error(String(req.error)));
    req.onsuccess = () => {
      const tx = req.result.transaction(store, 'readwrite');
      if (key === undefined) tx.objectStore(store).put(value);
      else tx.objectStore(store).put(value, key);
      tx.oncomplete = () => { req.result.close(); done(); };
      tx.onerror = () => fail(new Error(String(tx.error)));
    };
  });
  await put('attest', 'items', 0, { id: 'residue-control', sealed: ${JSON.stringify(rows.deleted)} });
  await put('residue-control', 'clear', 1, {
    note: ${JSON.stringify(rows.kept)},
    bytes: new TextEncoder().encode(${JSON.stringify(rows.keptBytes)}),
  }, 'k');
})()`;
