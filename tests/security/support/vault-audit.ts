// SPDX-License-Identifier: AGPL-3.0-or-later
import { resolve } from 'node:path';
import { verifyChain } from '../../../lib/custody/index';
import type { DrivenPage } from '../../../scripts/drive/flow.ts';
import { pageScript } from '../../../scripts/drive/page-script.ts';
import type { VaultAudit } from './vault-audit-page';

export type { VaultAudit };

/** vault-audit-page.ts and the lib/vault code it uses, as one classic script. */
const auditScript = () =>
  pageScript(resolve(import.meta.dirname, 'vault-audit-page.ts'), 'attestAudit');

/** Reads the whole vault through lib/vault in the unlocked vault page `page`. */
export async function auditVault(page: DrivenPage): Promise<VaultAudit> {
  await page.evaluate(await auditScript());
  return page.evaluate<VaultAudit>('globalThis.__attestAudit()');
}

/**
 * Everything that would make the vault hold a half-written or damaged capture, as sentences
 * (empty: none): a file that does not read back whole with its recorded SHA-256, a chunk no item
 * refers to, an item without its 'captured' custody event or such an event without its item, a
 * broken custody chain.
 */
export function auditProblems(audit: VaultAudit): string[] {
  const problems: string[] = [];
  const referenced = new Set<string>();
  for (const item of audit.items) {
    for (const f of item.failures) problems.push(`item ${item.id}: ${f}`);
    for (const file of item.files)
      for (let n = 0; n < file.chunks; n++) referenced.add(`${file.blobId}.${n}`);
  }
  const stored = new Set(audit.chunkKeys);
  for (const key of referenced)
    if (!stored.has(key)) problems.push(`chunk ${key} of a stored item is missing`);
  const orphans = audit.chunkKeys.filter((k) => !referenced.has(k));
  if (orphans.length > 0)
    problems.push(`${orphans.length} chunk(s) no item refers to, e.g. ${orphans[0]}`);
  const chain = verifyChain(audit.custodyLines);
  if (!chain.ok) problems.push(`custody chain broken: ${chain.errors.join('; ')}`);
  const captured = audit.custodyLines
    .map((l) => JSON.parse(l) as { type: string; itemId?: string })
    .filter((e) => e.type === 'captured')
    .map((e) => e.itemId ?? '');
  if (new Set(captured).size !== captured.length) problems.push('an item has two captured events');
  const items = new Set(audit.items.map((i) => i.id));
  for (const id of items)
    if (!captured.includes(id)) problems.push(`item ${id} has no 'captured' custody event`);
  for (const id of captured)
    if (!items.has(id)) problems.push(`'captured' custody event for ${id}, which is not stored`);
  return problems;
}

/** Deletes one row of the `attest` database from an extension page (the negative control). */
export function deleteRow(page: DrivenPage, store: string, key: string): Promise<void> {
  return page.evaluate(`(async () => {
    const db = await new Promise((ok, fail) => {
      const req = indexedDB.open('attest');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    await new Promise((ok, fail) => {
      const tx = db.transaction(${JSON.stringify(store)}, 'readwrite');
      tx.objectStore(${JSON.stringify(store)}).delete(${JSON.stringify(key)});
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
    db.close();
  })()`);
}
