// SPDX-License-Identifier: AGPL-3.0-or-later
import type { BundleInput, BundleWriterDeps } from '../bundle/write';
import type { PackZipInput } from '../bundle/write-pack';
import type { Classification } from '../model/classification';
import type { ItemJson, ItemRecord } from '../model/item';
import { nciiImageHashes, type DecodeImage } from '../reports/ncii-image-hashes';
import type { PackFile, PackItem } from '../reports/pack-model';
import { buildPlatformPack } from '../reports/platform-pack';
import type { ExportResult, PreparedCustodyLike } from './export-bundle';
import { logThenSave } from './log-then-save';
import { measured } from './measured';

/** What the platform pack needs of the vault (lib/vault satisfies it). */
export interface PackVault<P extends PreparedCustodyLike> {
  getItem(id: string): Promise<ItemRecord | null>;
  readFile(itemId: string, path: string): Promise<Uint8Array>;
  getClassification(itemId: string): Promise<Classification | null>;
  identity(): Promise<{
    name: string;
    fingerprint: string;
    publicKeyArmored: string;
    privateKeyArmored: string;
  }>;
  prepareCustodyEvent(input: {
    at: string;
    type: 'exported';
    details: { bundleId: string; items: string[] };
  }): Promise<P>;
  commitCustodyEvent(prepared: P): Promise<void>;
}

export interface PackDeps<P extends PreparedCustodyLike> {
  vault: PackVault<P>;
  /** Image bytes to pixels, for PDQ (createImageBitmap + OffscreenCanvas in the page). */
  decode: DecodeImage;
  writePackZip(
    input: PackZipInput,
    deps: { sign(data: Uint8Array): Promise<string> },
  ): Promise<Uint8Array>;
  signDetached(data: Uint8Array, privateKeyArmored: string): Promise<string>;
  sha256Hex(data: Uint8Array): Promise<string>;
  randomId(): string;
  generator: { name: string; version: string };
  save(bytes: Uint8Array, filename: string): Promise<number>;
  now?: () => Date;
  notifier: NotifierSource;
}

/** Who signs the notices (DSA Art. 16(2)(c)): a name, and an email when the user gave one. */
export interface Notifier {
  name: string;
  email?: string;
}

/** Reads the notifier from the vault's settings at export (the collector's name by default). */
export type NotifierSource = (collectorName: string) => Promise<Notifier>;

async function packFiles<P extends PreparedCustodyLike>(
  deps: Omit<PackDeps<P>, 'writePackZip' | 'save'>,
  items: ItemJson[],
  notifier: Notifier,
  createdAt: string,
): Promise<{ files: PackFile[]; classifications: Map<string, Classification> }> {
  const classifications = new Map<string, Classification>();
  const packItems: PackItem[] = [];
  for (const item of items) {
    const c = await deps.vault.getClassification(item.id);
    if (c) classifications.set(item.id, c);
    packItems.push({ item, classification: c });
  }
  const imageHashes = await nciiImageHashes(packItems, {
    readFile: (id, path) => deps.vault.readFile(id, path),
    decode: deps.decode,
  });
  const files = buildPlatformPack({
    items: packItems,
    notifier,
    createdAt,
    imageHashes,
    generator: deps.generator,
  });
  return { files, classifications };
}

/**
 * Wraps the bundle writer so every bundle carries each item's classification.json and the
 * platform pack under notices/, naming the notifier saved in settings at export time.
 */
export function createPackBundleWriter<P extends PreparedCustodyLike>(
  deps: Omit<PackDeps<P>, 'writePackZip' | 'save'> & {
    writeBundle(input: BundleInput, d: BundleWriterDeps): Promise<Uint8Array>;
    notifier: NotifierSource;
  },
) {
  return async function writeBundleWithPack(
    input: BundleInput,
    signer: BundleWriterDeps,
  ): Promise<Uint8Array> {
    const notifier = await deps.notifier(input.collector.name);
    const { files, classifications } = await measured('export:pack', () =>
      packFiles(
        deps,
        input.items.map((e) => e.item),
        notifier,
        input.createdAt,
      ),
    );
    const items = input.items.map((e) => {
      const c = classifications.get(e.item.id);
      return c ? { ...e, classification: c } : e;
    });
    return deps.writeBundle({ ...input, items, notices: files }, signer);
  };
}

/** `attest-pack-<UTC date>-<first 8 of the pack id>.zip` */
export function packFilename(createdAt: string, packId: string): string {
  return `attest-pack-${createdAt.slice(0, 10)}-${packId.slice(0, 8)}.zip`;
}

/**
 * Exports the platform pack alone: notices only, signed like a bundle, no evidence file. The
 * 'exported' custody event (pack id, item ids) is committed before the file is saved.
 */
export async function exportPack<P extends PreparedCustodyLike>(
  deps: PackDeps<P>,
  itemIds: string[],
): Promise<ExportResult> {
  if (itemIds.length === 0) throw new Error('No capture selected');
  const identity = await deps.vault.identity();
  const items: ItemJson[] = [];
  for (const id of itemIds) {
    const record = await deps.vault.getItem(id);
    if (!record) throw new Error(`Capture ${id} is not in the vault`);
    items.push(record.item);
  }
  const createdAt = (deps.now ?? (() => new Date()))().toISOString();
  const packId = deps.randomId();
  const { files } = await packFiles(deps, items, await deps.notifier(identity.name), createdAt);
  const zip = await deps.writePackZip(
    {
      createdAt,
      collector: {
        name: identity.name,
        fingerprint: identity.fingerprint,
        publicKeyArmored: identity.publicKeyArmored,
      },
      files,
    },
    { sign: (data) => deps.signDetached(data, identity.privateKeyArmored) },
  );
  return logThenSave(
    deps,
    {
      at: createdAt,
      type: 'exported' as const,
      details: { bundleId: packId, items: [...itemIds] },
    },
    {
      bundleId: packId,
      filename: packFilename(createdAt, packId),
      bytes: zip,
      sha256: await deps.sha256Hex(zip),
    },
  );
}
