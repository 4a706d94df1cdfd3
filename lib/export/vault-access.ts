// SPDX-License-Identifier: AGPL-3.0-or-later
import type { IndexEntry } from '../cases/item-index';
import type { CaseFields, CaseRecord } from '../model/case';
import type { Classification } from '../model/classification';
import type { ItemRecord } from '../model/item';
import type { CaseHandOverResult } from '../allies/hand-over-case';
import type { ImportRecord } from '../model/invitation';
import type { ExportControl } from '../bundle/progress';
import type { ExportOptions, ExportResult } from './export-bundle';

/**
 * What the vault page's components may do with the vault directly (same origin, key from
 * storage.session): read, classify and export. Everything else that changes the vault's state
 * goes through the background's messages.
 */
export interface VaultAccess {
  listItems(): Promise<ItemRecord[]>;
  /**
   * Decrypts every item record, classification and case membership (never an evidence file) and
   * indexes them in memory; the records come along so a detail view needs no second read.
   */
  loadIndex(): Promise<{ entries: IndexEntry[]; records: Map<string, ItemRecord> }>;
  readFile(itemId: string, path: string): Promise<Uint8Array>;
  /**
   * A signed bundle of the items. With `recipients` (fingerprints of keys kept in the vault) it
   * is saved as `<bundle>.zip.gpg` that only they can open, and the hand-over is logged. With
   * `case`, manifest.json names the case the items were exported from. `onProgress` follows
   * its stages; `signal` cancels it (rejects with an AbortError) until its custody event is
   * committed: a cancelled export logs nothing and saves nothing.
   */
  exportItems(
    itemIds: string[],
    options?: { recipients?: string[]; case?: ExportOptions['case'] } & ExportControl,
  ): Promise<ExportResult>;
  listCases(): Promise<CaseRecord[]>;
  /** Logged as 'case-created' / 'case-updated' (ids and field names only). */
  createCase(fields: CaseFields): Promise<CaseRecord>;
  updateCase(id: string, fields: CaseFields): Promise<{ record: CaseRecord; fields: string[] }>;
  /**
   * Moves captures to case `to` in one transaction logged as 'case-moved' (ids only); resolves
   * with the captures that changed case. Refused whole for an ally's captures (docs/allies.md).
   */
  moveItems(itemIds: string[], to: string): Promise<Array<{ itemId: string; from: string }>>;
  /** Asks the browser to keep the vault's storage under pressure (once per page load). */
  persistStorage(): Promise<boolean>;
  getClassification(itemId: string): Promise<Classification | null>;
  /** Saves and logs an 'annotated' custody event; resolves with the fields that changed. */
  saveClassification(
    itemId: string,
    value: Omit<Classification, 'updatedAt'>,
  ): Promise<{ classification: Classification; fields: string[] }>;
  /** The platform pack alone, signed; the notifier is the one saved in settings. */
  exportPack(itemIds: string[]): Promise<ExportResult>;
  /**
   * Ally: the whole invited case as a `.zip.gpg` signed by this vault and encrypted to the
   * defender's key from the invitation; then, unless `keepLocalCopies`, deletes the local copies
   * ('deleted' event). Here rather than in the background, like every export: the file's bytes
   * never travel through messages.
   */
  handOverCase(caseId: string, options: { keepLocalCopies: boolean }): Promise<CaseHandOverResult>;
  /**
   * Defender: decrypts and verifies an ally's `.zip.gpg` before storing anything; throws
   * HandOverRefusedError (nothing stored) or resolves with what was imported.
   */
  importHandOver(sealed: Uint8Array): Promise<ImportRecord>;
}
