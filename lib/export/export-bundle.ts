// SPDX-License-Identifier: AGPL-3.0-or-later
import type { BundleAttachment } from '../bundle/attachments';
import { exportStep, type ExportControl } from '../bundle/progress';
import type { BundleWriterDeps } from '../bundle/write';
import type { CollectorFiles, ImportRecord } from '../model/invitation';
import type { ItemJson, ItemRecord } from '../model/item';
import { handOver, type HandOverRecipient } from './hand-over';
import { commitThenSave } from './log-then-save';
import { measured } from './measured';

/** The prepared 'exported' custody event: its line goes into the bundle before it is committed. */
export interface PreparedCustodyLike {
  line: string;
}

/** What the exporter needs of the vault (lib/vault satisfies it). */
export interface ExportVault<P extends PreparedCustodyLike> {
  getItem(id: string): Promise<ItemRecord | null>;
  readFile(itemId: string, path: string): Promise<Uint8Array>;
  identity(): Promise<{
    name: string;
    fingerprint: string;
    publicKeyArmored: string;
    privateKeyArmored: string;
  }>;
  custodyLines(): Promise<string[]>;
  prepareCustodyEvent(
    input:
      | {
          at: string;
          type: 'exported';
          details: { bundleId: string; items: string[]; recipients?: string[] };
        }
      | {
          at: string;
          type: 'handed-over';
          details: { bundleId: string; file: string; sha256: string; recipients: string[] };
        },
  ): Promise<P>;
  commitCustodyEvent(prepared: P): Promise<void>;
  /** Hand-overs imported from allies: their signed files keep imported items attributable. */
  imports?(): Promise<ImportRecord[]>;
  /** The item's RFC 3161 receipt, when it was timestamped (absent: no timestamps exported). */
  timestampReceipt?(itemId: string): Promise<{ response: Uint8Array; chainPem: string } | null>;
}

export interface BundleWriteInput {
  bundleId: string;
  createdAt: string;
  generator: { name: string; version: string; browser: string };
  collector: { name: string; fingerprint: string; publicKeyArmored: string };
  /** The case exported from, for manifest.json and the report's cover. */
  case?: { id: string; title: string; tlp: string };
  items: Array<{
    item: ItemJson;
    files: Array<{ path: string; bytes: Uint8Array }>;
    timestamp?: { response: Uint8Array; chainPem: string };
  }>;
  custodyLines: string[];
  attachments?: BundleAttachment[];
  lang?: string;
  /** Other collectors' signed files, for items imported from them (lib/bundle/collectors.ts). */
  collectors?: Array<{ fingerprint: string; source: string; files: CollectorFiles }>;
}

export interface ExportDeps<P extends PreparedCustodyLike> {
  vault: ExportVault<P>;
  writeBundle(input: BundleWriteInput, deps: BundleWriterDeps): Promise<Uint8Array>;
  signDetached(data: Uint8Array, privateKeyArmored: string): Promise<string>;
  sha256Hex(data: Uint8Array): Promise<string>;
  randomId(): string;
  generator: BundleWriteInput['generator'];
  /** Saves the bytes under `filename`; resolves with the downloads API id once the file is written. */
  save(bytes: Uint8Array, filename: string): Promise<number>;
  now?: () => Date;
  /** Files made at export: the PDF report and verify.html (bundle-extras.ts). */
  extras?(input: BundleWriteInput, control?: ExportControl): Promise<BundleAttachment[]>;
  lang?: string;
  /** Encrypts bytes to OpenPGP public keys (binary message), for an encrypted hand-over. */
  encryptToRecipients?(data: Uint8Array, publicKeysArmored: string[]): Promise<Uint8Array>;
}

/** `signal` cancels the export up to the commit of its custody event; then it runs to the end. */
export interface ExportOptions extends ExportControl {
  /** Non-empty: save `<bundle>.zip.gpg` that only these keys open, and log the hand-over. */
  recipients?: HandOverRecipient[];
  /** The case the items were exported from. */
  case?: BundleWriteInput['case'];
}

export interface ExportResult {
  bundleId: string;
  filename: string;
  sha256: string;
  bytes: number;
  downloadId: number;
  /** Set for an encrypted hand-over: the recipients' fingerprints and the inner ZIP's SHA-256. */
  recipients?: string[];
  zipSha256?: string;
}

/**
 * The last moment a cancel stops the export: nothing is logged or saved yet, and the bundle's
 * bytes are dropped. After it the 'exported' event is committed and the file is always saved.
 */
async function pointOfNoReturn(control: ExportControl): Promise<void> {
  await exportStep({ signal: control.signal }, { stage: 'saving', done: 0, total: 1 });
  control.onProgress?.({ stage: 'saving', done: 0, total: 1 });
}

/** `attest-<UTC date>-<first 8 of the bundle id>.zip` */
export function bundleFilename(createdAt: string, bundleId: string): string {
  return `attest-${createdAt.slice(0, 10)}-${bundleId.slice(0, 8)}.zip`;
}

/**
 * Builds a signed bundle of the chosen items in this page and saves it. Fails closed: the file is
 * only handed to the downloads API once the bundle is complete, signed and its 'exported' event
 * committed; any error before that leaves nothing on disk.
 */
export async function exportBundle<P extends PreparedCustodyLike>(
  deps: ExportDeps<P>,
  itemIds: string[],
  options: ExportOptions = {},
): Promise<ExportResult> {
  // A capture committed while the bundle was being built moves the custody head: build again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await exportOnce(deps, itemIds, options);
    } catch (error) {
      const conflict = error instanceof Error && error.name === 'CustodyConflictError';
      if (!conflict || attempt >= 3) throw error;
    }
  }
}

async function exportOnce<P extends PreparedCustodyLike>(
  deps: ExportDeps<P>,
  itemIds: string[],
  options: ExportOptions,
): Promise<ExportResult> {
  const recipients = options.recipients ?? [];
  if (recipients.length > 0 && !deps.encryptToRecipients)
    throw new Error('Encrypted hand-over is not available here');
  if (itemIds.length === 0) throw new Error('No capture selected');
  const now = deps.now ?? (() => new Date());
  const readStart = performance.now();
  const identity = await deps.vault.identity();
  const items: BundleWriteInput['items'] = [];
  const imports = (await deps.vault.imports?.()) ?? [];
  const collectors = new Map<string, NonNullable<BundleWriteInput['collectors']>[number]>();
  const control: ExportControl = { signal: options.signal, onProgress: options.onProgress };
  for (const [done, id] of itemIds.entries()) {
    await exportStep(control, { stage: 'items', done, total: itemIds.length });
    const record = await deps.vault.getItem(id);
    if (!record) throw new Error(`Capture ${id} is not in the vault`);
    const files = [];
    for (const file of record.item.files) {
      files.push({ path: file.path, bytes: await deps.vault.readFile(id, file.path) });
    }
    // An ally's receipt came with the hand-over; its token covers the ally's 'captured' line.
    const receipt = await deps.vault.timestampReceipt?.(id);
    if (record.importId) {
      // An ally's capture travels with the ally's own signed files (docs/allies.md).
      const source = imports.find((i) => i.id === record.importId);
      if (!source) throw new Error(`The ally's signed files for capture ${id} are missing`);
      collectors.set(source.id, {
        fingerprint: source.collector.fingerprint,
        source: source.bundleId,
        files: source.files,
      });
    }
    items.push({
      item: record.item,
      files,
      ...(receipt ? { timestamp: { response: receipt.response, chainPem: receipt.chainPem } } : {}),
    });
  }
  performance.measure('attest:export:read', { start: readStart });
  const bundleId = deps.randomId();
  const createdAt = now().toISOString();
  // The export event travels inside the bundle it describes, so it is prepared (not yet
  // committed) on the current head; the commit refuses if the head moved meanwhile.
  const prepared = await deps.vault.prepareCustodyEvent({
    at: createdAt,
    type: 'exported',
    details: {
      bundleId,
      items: [...itemIds],
      // The bundle itself says for whom it was sealed; the hand-over event follows in the vault.
      ...(recipients.length ? { recipients: recipients.map((r) => r.fingerprint) } : {}),
    },
  });
  const custodyLines = [...(await deps.vault.custodyLines()), prepared.line];
  const base: BundleWriteInput = {
    bundleId,
    createdAt,
    generator: deps.generator,
    collector: {
      name: identity.name,
      fingerprint: identity.fingerprint,
      publicKeyArmored: identity.publicKeyArmored,
    },
    ...(options.case ? { case: options.case } : {}),
    items,
    custodyLines,
    ...(collectors.size ? { collectors: [...collectors.values()] } : {}),
  };
  const attachments = deps.extras
    ? await measured('export:report', () => deps.extras!(base, control))
    : [];
  const zip = await measured('export:bundle', () =>
    deps.writeBundle(
      {
        ...(deps.lang ? { lang: deps.lang } : {}),
        ...(attachments.length ? { attachments } : {}),
        ...base,
      },
      { sign: (data) => deps.signDetached(data, identity.privateKeyArmored), ...control },
    ),
  );
  const sha256 = await measured('export:hash', () => deps.sha256Hex(zip));
  const filename = bundleFilename(createdAt, bundleId);
  if (recipients.length > 0 && deps.encryptToRecipients) {
    const sealed = await deps.encryptToRecipients(
      zip,
      recipients.map((r) => r.publicKeyArmored),
    );
    await pointOfNoReturn(control);
    await deps.vault.commitCustodyEvent(prepared);
    return handOver(deps, {
      bundleId,
      filename: `${filename}.gpg`,
      sealed,
      zipSha256: sha256,
      recipients,
    });
  }
  await pointOfNoReturn(control);
  return measured('export:save', () =>
    commitThenSave(deps, prepared, { bundleId, filename, bytes: zip, sha256 }),
  );
}
