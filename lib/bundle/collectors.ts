// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Items vouched for by another collector (an ally's, imported from a hand-over): the collector's
 * own signed SHA256SUMS, key, custody log and manifest travel under `collectors/<fingerprint>/`
 * (docs/bundle-format.md §9e). One implementation for the writer (refuses) and the verifier.
 */
import { sha256Hex } from '../crypto/hash';
import { utf8Decode } from '../crypto/bytes';
import { readKeyFingerprint, verifyDetached } from '../crypto/pgp';
import { verifyChain } from '../custody/chain';
import type { EvidenceFile } from '../model/item';
import { capturedFiles, capturedMismatch } from './custody-items';
import { normalizeFingerprint } from './manifest';
import { itemPath, ROOT_FILES } from './paths';
import { parseSums } from './sums';

/** The files kept of a collector's own bundle, named as at its root. */
export const COLLECTOR_FILES = {
  sums: ROOT_FILES.sums,
  signature: ROOT_FILES.signature,
  key: ROOT_FILES.key,
  custody: ROOT_FILES.custody,
  manifest: ROOT_FILES.manifest,
} as const;

/** `collectors/<fingerprint>/<source bundle id>/<name>`: one folder per hand-over imported. */
export const COLLECTOR_PATH = /^collectors\/([0-9A-F]{40})\/([A-Za-z0-9._-]+)\/([^/]+)$/;

export function collectorPath(fingerprint: string, source: string, name: string): string {
  return `collectors/${fingerprint}/${source}/${name}`;
}

/** A collector's folder as the checks see it: each file's bytes, or null if absent. */
export type CollectorTexts = Record<keyof typeof COLLECTOR_FILES, Uint8Array | null>;

export interface Voucher {
  fingerprint: string;
  /** The id of the collector's bundle these files come from (the folder's second segment). */
  source: string;
  /** The name the collector's own manifest gives, '' if unreadable. */
  name: string;
  /** Problems with the folder itself; a voucher with errors vouches for nothing. */
  errors: string[];
  sums: Map<string, string>;
  captured: Map<string, Array<{ path: string; sha256: string }>>;
  /** The collector's custody log lines: its items' timestamps cover its 'captured' lines. */
  lines: string[];
}

const text = (b: Uint8Array | null): string | null => {
  if (!b) return null;
  try {
    return utf8Decode(b);
  } catch {
    return null;
  }
};

/**
 * Checks one collector folder: its key is the fingerprint the folder is named after, its
 * SHA256SUMS is well formed and signed by that key, and the custody log and manifest kept beside
 * it are the ones those sums list (the log's chain intact).
 */
export async function checkVoucher(
  fingerprint: string,
  source: string,
  files: CollectorTexts,
): Promise<Voucher> {
  const errors: string[] = [];
  const at = (name: string) => collectorPath(fingerprint, source, name);
  const voucher: Voucher = {
    fingerprint,
    source,
    name: '',
    errors,
    sums: new Map(),
    captured: new Map(),
    lines: [],
  };
  const sums = text(files.sums);
  const signature = text(files.signature);
  const key = text(files.key);
  if (sums === null || signature === null || key === null) {
    errors.push(`${at('')}: SHA256SUMS, SHA256SUMS.asc or collector-key.asc missing or unreadable`);
    return voucher;
  }
  const keyFpr = await readKeyFingerprint(key).catch(() => '');
  if (normalizeFingerprint(keyFpr) !== fingerprint)
    errors.push(`${at(COLLECTOR_FILES.key)} is not the key ${fingerprint}`);
  const verified = await verifyDetached({
    data: files.sums!,
    signatureArmored: signature,
    publicKeyArmored: key,
  });
  if (!verified.valid)
    errors.push(
      `${at(COLLECTOR_FILES.signature)} is not a good signature of ${at(COLLECTOR_FILES.sums)} by ${fingerprint} (${verified.error ?? 'bad signature'})`,
    );
  const parsed = parseSums(sums);
  errors.push(...parsed.errors.map((e) => `${at('')}: ${e}`));
  for (const l of parsed.lines) voucher.sums.set(l.path, l.sha256);
  for (const name of [COLLECTOR_FILES.custody, COLLECTOR_FILES.manifest] as const) {
    const bytes = name === COLLECTOR_FILES.custody ? files.custody : files.manifest;
    const actual = bytes ? await sha256Hex(bytes) : 'nothing';
    if (voucher.sums.get(name) !== actual)
      errors.push(`${at(name)} is not the ${name} its SHA256SUMS lists`);
  }
  const log = text(files.custody);
  const lines = log
    ? log
        .replace(/\n$/, '')
        .split('\n')
        .filter((l) => l !== '')
    : [];
  const chain = verifyChain(lines);
  if (!chain.ok)
    errors.push(`${at(COLLECTOR_FILES.custody)}: ${chain.errors.join('; ') || 'chain broken'}`);
  voucher.captured = capturedFiles(lines);
  voucher.lines = lines;
  try {
    const m = JSON.parse(text(files.manifest) ?? '') as { collector?: { name?: unknown } };
    if (typeof m.collector?.name === 'string') voucher.name = m.collector.name;
  } catch {
    errors.push(`${at(COLLECTOR_FILES.manifest)} is not valid JSON`);
  }
  return voucher;
}

/** The folder of `fingerprint` that signed item `itemId`'s item.json, else its first folder. */
export function voucherFor(
  vouchers: Voucher[],
  fingerprint: string,
  itemId: string,
): Voucher | undefined {
  const own = vouchers.filter((v) => v.fingerprint === fingerprint);
  return own.find((v) => v.sums.has(itemPath(itemId, 'item.json'))) ?? own[0];
}

/**
 * Why `voucher` does not vouch for item `itemId`, or [] when it does: its signed sums list the
 * item's item.json and every file with the hashes this bundle has (`hashOf`), and its custody log
 * recorded those files at capture.
 */
export function vouchErrors(
  voucher: Voucher,
  itemId: string,
  files: EvidenceFile[],
  hashOf: (path: string) => string | undefined,
): string[] {
  if (voucher.errors.length > 0)
    return [`item ${itemId}: the signature of collector ${voucher.fingerprint} does not check`];
  const errors: string[] = [];
  for (const name of ['item.json', ...files.map((f) => f.path)]) {
    const path = itemPath(itemId, name);
    const signed = voucher.sums.get(path);
    if (signed === undefined || signed !== hashOf(path))
      errors.push(`${path} is not the file collector ${voucher.fingerprint} signed`);
  }
  errors.push(...capturedMismatch(itemId, files, voucher.captured.get(itemId)));
  return errors;
}
