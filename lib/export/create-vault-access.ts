// SPDX-License-Identifier: AGPL-3.0-or-later
import { buildIndex } from '../cases/item-index';
import { handOverCase, type HandOverVault } from '../allies/hand-over-case';
import { importHandOver, type ImportVault } from '../allies/import-hand-over';
import type { CaseFields, CaseRecord } from '../model/case';
import type { Classification } from '../model/classification';
import type { ItemRecord } from '../model/item';
import {
  exportBundle,
  type ExportDeps,
  type ExportVault,
  type PreparedCustodyLike,
} from './export-bundle';
import { resolveNotifier } from '../model/notifier';
import {
  createPackBundleWriter,
  exportPack,
  type NotifierSource,
  type PackDeps,
} from './export-pack';
import type { HandOverRecipient } from './hand-over';
import type { VaultAccess } from './vault-access';

export interface VaultAccessDeps<P extends PreparedCustodyLike> extends Omit<
  ExportDeps<P>,
  'vault'
> {
  vault: ExportVault<P> &
    HandOverVault &
    ImportVault & {
      listItems(): Promise<ItemRecord[]>;
      listClassifications(): Promise<Map<string, Classification>>;
      itemCases(): Promise<Map<string, string>>;
      listCases(): Promise<CaseRecord[]>;
      createCase(fields: CaseFields): Promise<CaseRecord>;
      updateCase(id: string, fields: CaseFields): Promise<{ record: CaseRecord; fields: string[] }>;
      moveItems(input: {
        itemIds: string[];
        to: string;
      }): Promise<Array<{ itemId: string; from: string }>>;
      getClassification(itemId: string): Promise<Classification | null>;
      saveClassification(
        itemId: string,
        value: Omit<Classification, 'updatedAt'>,
      ): Promise<{ classification: Classification; fields: string[] }>;
      settings(): Promise<{ notifierName: string; notifierEmail: string }>;
      recipients: { list(): Promise<HandOverRecipient[]> };
    };
  storage?: { persist(): Promise<boolean>; persisted(): Promise<boolean> };
  /** Platform pack: image decoding for PDQ and the signed pack writer. */
  pack: Pick<PackDeps<P>, 'decode' | 'writePackZip'>;
}

/** The vault page's read, classify and export access, over the vault opened in the page itself. */
export function createVaultAccess<P extends PreparedCustodyLike>(
  deps: VaultAccessDeps<P>,
): VaultAccess {
  // Read at each export, so a change in settings applies to the next notice.
  const notifier: NotifierSource = async (collectorName) =>
    resolveNotifier(await deps.vault.settings(), collectorName);
  const packDeps: PackDeps<P> = {
    ...deps,
    ...deps.pack,
    notifier,
    generator: { name: deps.generator.name, version: deps.generator.version },
  };
  // Every bundle carries the classifications and the platform pack (docs/bundle-format.md).
  const exportDeps: ExportDeps<P> = {
    ...deps,
    writeBundle: createPackBundleWriter({
      ...packDeps,
      writeBundle: deps.writeBundle,
    }),
  };
  return {
    listItems: () => deps.vault.listItems(),
    async loadIndex() {
      const [records, classifications, cases] = await Promise.all([
        deps.vault.listItems(),
        deps.vault.listClassifications(),
        deps.vault.itemCases(),
      ]);
      return {
        entries: buildIndex(records, classifications, cases),
        records: new Map(records.map((r) => [r.item.id, r])),
      };
    },
    readFile: (itemId, path) => deps.vault.readFile(itemId, path),
    listCases: () => deps.vault.listCases(),
    createCase: (fields) => deps.vault.createCase(fields),
    updateCase: (id, fields) => deps.vault.updateCase(id, fields),
    moveItems: (itemIds, to) => deps.vault.moveItems({ itemIds, to }),
    async exportItems(itemIds, options = {}) {
      const wanted = options.recipients ?? [];
      const control = { signal: options.signal, onProgress: options.onProgress };
      const inCase = { ...control, ...(options.case ? { case: options.case } : {}) };
      if (wanted.length === 0) return exportBundle(exportDeps, itemIds, inCase);
      // The keys come from the sealed store, never from the caller: a fingerprint only chooses.
      const known = await deps.vault.recipients.list();
      const recipients = wanted.map((fingerprint) => {
        const found = known.find((r) => r.fingerprint === fingerprint);
        if (!found) throw new Error(`No recipient with fingerprint ${fingerprint} in the vault`);
        return found;
      });
      return exportBundle(exportDeps, itemIds, { recipients, ...inCase });
    },
    async persistStorage() {
      if (!deps.storage) return false;
      // Ask once: when granted the browser keeps the vault even when the disk is nearly full.
      return (await deps.storage.persisted()) || deps.storage.persist();
    },
    getClassification: (itemId) => deps.vault.getClassification(itemId),
    saveClassification: (itemId, value) => deps.vault.saveClassification(itemId, value),
    exportPack: (itemIds) => exportPack(packDeps, itemIds),
    handOverCase: (caseId, options) =>
      handOverCase({ ...exportDeps, allies: deps.vault }, caseId, options),
    importHandOver: (sealed) =>
      importHandOver({ vault: deps.vault, now: deps.now ?? (() => new Date()) }, sealed),
  };
}
