// SPDX-License-Identifier: AGPL-3.0-or-later
import { bytesSource, extractFiles, ROOT_FILES, verifyBundle } from '../bundle/index';
import { COLLECTOR_PATH } from '../bundle/collectors';
import { CLASSIFICATION_FILE } from '../bundle/classification-members';
import type { BundleManifest } from '../bundle/manifest';
import { itemPath } from '../bundle/paths';
import type { TimestampReport } from '../bundle/report';
import { TIMESTAMP_FILES } from '../bundle/timestamps';
import { decryptWithKey, sha256Hex, utf8Decode, utf8Encode } from '../crypto/index';
import type { ImportRecord, IssuedInvitation } from '../model/invitation';
import type { Classification } from '../model/classification';
import { classificationJson, normalizeClassification } from '../model/classification-json';
import type { ItemJson } from '../model/item';
import type { TimestampReceipt } from '../timestamp/client';

/** A hand-over refused before anything was stored; `reasons` are the verifier's or ours. */
export class HandOverRefusedError extends Error {
  override name = 'HandOverRefusedError';
  constructor(
    message: string,
    readonly reasons: string[] = [],
  ) {
    super(reasons.length ? `${message}: ${reasons.slice(0, 5).join('; ')}` : message);
  }
}

/** One capture as stored: its files, and the ally's classification and receipt if it had them. */
export interface ImportItem {
  item: ItemJson;
  files: Map<string, Uint8Array>;
  classification?: Classification;
  timestamp?: TimestampReceipt;
}

export interface ImportVault {
  identity(): Promise<{ name: string; fingerprint: string; privateKeyArmored: string }>;
  invitations(): Promise<{ issued: IssuedInvitation[] }>;
  storeImport(input: {
    record: Omit<ImportRecord, 'id' | 'importedAt'>;
    items: ImportItem[];
  }): Promise<ImportRecord>;
}

const text = (files: Map<string, Uint8Array>, path: string): string => {
  const bytes = files.get(path);
  if (!bytes) throw new HandOverRefusedError(`${path} is missing`);
  return utf8Decode(bytes);
};

/**
 * The ally's classification of item `id`, kept only if it re-serialises to the exact bytes the
 * ally signed (the verifier already matched them to the ally's last 'annotated' event).
 */
function classificationOf(
  files: Map<string, Uint8Array>,
  id: string,
  why: (reason: string) => HandOverRefusedError,
): { classification?: Classification } {
  const bytes = files.get(itemPath(id, CLASSIFICATION_FILE));
  if (!bytes) return {};
  let c: Classification;
  try {
    c = normalizeClassification(JSON.parse(utf8Decode(bytes)));
  } catch {
    throw why(`has a ${CLASSIFICATION_FILE} that cannot be read`);
  }
  if (classificationJson(c) !== utf8Decode(bytes))
    throw why(`has a ${CLASSIFICATION_FILE} that would not keep its hash`);
  return { classification: c };
}

/** The ally's RFC 3161 receipt of item `id`, as the verifier checked it over the ally's log. */
function timestampOf(
  files: Map<string, Uint8Array>,
  id: string,
  checked: TimestampReport[],
  now: Date,
  why: (reason: string) => HandOverRefusedError,
): { timestamp?: TimestampReceipt } {
  const response = files.get(itemPath(id, TIMESTAMP_FILES.token));
  const chain = files.get(itemPath(id, TIMESTAMP_FILES.chain));
  if (!response && !chain) return {};
  const report = checked.find((t) => t.itemId === id);
  if (!response || !chain || !report?.ok || !report.digest || !report.genTime)
    throw why('has a timestamp that does not check');
  return {
    timestamp: {
      sha256Hex: report.digest,
      response,
      chainPem: utf8Decode(chain),
      genTime: report.genTime,
      tsaName: report.tsaName ?? '',
      receivedAt: now.toISOString(),
    },
  };
}

/**
 * Defender side: decrypts an ally's `.zip.gpg` with the vault's key, verifies the whole bundle
 * with the verifier and checks it was made for one of this vault's invitations, all before
 * anything is stored; then stores every item as signed (item.json, files, hashes, and the ally's
 * classification and RFC 3161 receipt when it has them) with the ally's signed files, an
 * 'imported' custody event and an 'annotated' one per classification kept. Throws HandOverRefusedError, storing nothing.
 */
export async function importHandOver(
  deps: { vault: ImportVault; now(): Date },
  sealed: Uint8Array,
): Promise<ImportRecord> {
  const identity = await deps.vault.identity();
  let zip: Uint8Array;
  try {
    zip = await decryptWithKey(sealed, identity.privateKeyArmored);
  } catch (e) {
    throw new HandOverRefusedError('This file was not encrypted to your key, or it is damaged', [
      e instanceof Error ? e.message : String(e),
    ]);
  }
  const report = await verifyBundle(bytesSource(zip));
  if (report.status !== 'intact')
    throw new HandOverRefusedError('The bundle does not verify', report.errors);
  const files = await extractFiles(bytesSource(zip));
  const manifest = JSON.parse(text(files, ROOT_FILES.manifest)) as BundleManifest;
  const ally = manifest.collector;
  if (ally.fingerprint === identity.fingerprint)
    throw new HandOverRefusedError('This bundle is your own, not an ally’s hand-over');
  if ([...files.keys()].some((p) => COLLECTOR_PATH.test(p)))
    throw new HandOverRefusedError('The bundle holds other collectors’ items: import it from them');
  const issued = (await deps.vault.invitations()).issued;
  const items: ImportItem[] = [];
  let invitation: IssuedInvitation | undefined;
  const sums = new Map(
    text(files, ROOT_FILES.sums)
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(66), l.slice(0, 64)] as const),
  );
  for (const { id, path } of manifest.items) {
    const raw = text(files, path);
    const item = JSON.parse(raw) as ItemJson;
    const why = (reason: string) => new HandOverRefusedError(`Capture ${id} ${reason}`);
    const consent = item.collector.consent;
    if (item.collector.onBehalfOf?.fingerprint !== identity.fingerprint || !consent)
      throw why('was not collected on your behalf');
    const match = issued.find((i) => i.sha256 === consent.invitationSha256);
    if (!match) throw why('was not collected under one of your invitations');
    if (match.revokedAt)
      throw new HandOverRefusedError(
        `The invitation this hand-over was made under was revoked on ${match.revokedAt}; nothing was imported`,
      );
    if (invitation && invitation.id !== match.id)
      throw why('was collected under another invitation than the rest');
    invitation = match;
    if (consent.expiresAt !== match.expiresAt || item.capturedAt >= match.expiresAt)
      throw why(`was captured after the invitation expired (${match.expiresAt})`);
    // Re-exported, item.json must be the exact bytes the ally signed.
    if ((await sha256Hex(utf8Encode(`${JSON.stringify(item, null, 2)}\n`))) !== sums.get(path))
      throw why('has an item.json that would not keep its signature');
    const own = new Map<string, Uint8Array>();
    for (const f of item.files) {
      const bytes = files.get(`items/${id}/${f.path}`);
      if (!bytes || (await sha256Hex(bytes)) !== f.sha256)
        throw why(`file ${f.path} does not match`);
      own.set(f.path, bytes);
    }
    items.push({
      item,
      files: own,
      ...classificationOf(files, id, why),
      ...timestampOf(files, id, report.timestamps ?? [], deps.now(), why),
    });
  }
  if (!invitation || items.length === 0)
    throw new HandOverRefusedError('The bundle holds no captures');
  return deps.vault.storeImport({
    record: {
      bundleId: manifest.bundleId,
      zipSha256: await sha256Hex(zip),
      fileSha256: await sha256Hex(sealed),
      collector: { name: ally.name, fingerprint: ally.fingerprint },
      caseId: invitation.caseId,
      invitationSha256: invitation.sha256,
      items: items.map((i) => i.item.id),
      files: {
        sums: text(files, ROOT_FILES.sums),
        signature: text(files, ROOT_FILES.signature),
        key: text(files, ROOT_FILES.key),
        custody: text(files, ROOT_FILES.custody),
        manifest: text(files, ROOT_FILES.manifest),
      },
    },
    items,
  });
}
