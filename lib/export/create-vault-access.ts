// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ItemRecord } from '../model/item';
import {
  exportBundle,
  type ExportDeps,
  type ExportVault,
  type PreparedCustodyLike,
} from './export-bundle';
import type { VaultAccess } from './vault-access';

export interface VaultAccessDeps<P extends PreparedCustodyLike> extends Omit<
  ExportDeps<P>,
  'vault'
> {
  vault: ExportVault<P> & { listItems(): Promise<ItemRecord[]> };
  storage?: { persist(): Promise<boolean>; persisted(): Promise<boolean> };
}

/** The vault page's read and export access, over the vault opened in the page itself. */
export function createVaultAccess<P extends PreparedCustodyLike>(
  deps: VaultAccessDeps<P>,
): VaultAccess {
  return {
    listItems: () => deps.vault.listItems(),
    readFile: (itemId, path) => deps.vault.readFile(itemId, path),
    exportItems: (itemIds) => exportBundle(deps, itemIds),
    async persistStorage() {
      if (!deps.storage) return false;
      // Ask once: when granted the browser keeps the vault even when the disk is nearly full.
      return (await deps.storage.persisted()) || deps.storage.persist();
    },
  };
}
