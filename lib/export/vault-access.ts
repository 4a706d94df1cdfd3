// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ItemRecord } from '../model/item';
import type { ExportResult } from './export-bundle';

/**
 * What the vault page's components may do with the vault directly (same origin, key from
 * storage.session): read and export. Everything that changes the vault's state goes through the
 * background's messages.
 */
export interface VaultAccess {
  listItems(): Promise<ItemRecord[]>;
  readFile(itemId: string, path: string): Promise<Uint8Array>;
  exportItems(itemIds: string[]): Promise<ExportResult>;
  /** Asks the browser to keep the vault's storage under pressure (once per page load). */
  persistStorage(): Promise<boolean>;
}
