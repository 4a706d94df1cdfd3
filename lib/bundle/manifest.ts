// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FileRole } from '../model/item';

export const FORMAT_VERSION = 1;

export type BundleFileRole =
  | FileRole
  | 'item-metadata'
  | 'collector-key'
  | 'custody-log'
  | 'readme'
  // From the vault's classifications, made at export (docs/bundle-format.md).
  | 'classification'
  | 'platform-notice'
  // Made at export, not at capture (lib/bundle/attachments.ts).
  | 'report'
  | 'derived-image'
  | 'verifier'
  // Another collector's own signed files, under collectors/<fingerprint>/ (collectors.ts).
  | 'collector-sums'
  | 'collector-signature'
  | 'collector-custody-log'
  | 'collector-manifest';

export interface ManifestFile {
  path: string;
  role: BundleFileRole;
  sha256: string;
  bytes: number;
  mediaType: string;
  /** Set on a derived image (a blurred copy in the report): the evidence file it was made from. */
  derivedFrom?: { path: string; sha256: string };
}

export interface BundleCase {
  id: string;
  title: string;
  tlp: string;
}

/** `manifest.json` of bundle format v1 (docs/bundle-format.md §4). */
export interface BundleManifest {
  formatVersion: 1;
  bundleId: string;
  createdAt: string;
  generator: { name: string; version: string; browser: string };
  collector: { name: string; fingerprint: string };
  /** The case the items belong to (its sharing level is TLP 2.0), when exported from one case. */
  case?: BundleCase;
  custody: { head: string; events: number };
  items: Array<{ id: string; path: string }>;
  files: ManifestFile[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';

/** Checks the shape of a parsed manifest; returns the problems found (empty when well formed). */
export function manifestShapeErrors(m: unknown): string[] {
  if (!isObject(m)) return ['manifest.json is not a JSON object'];
  const errors: string[] = [];
  if (m.formatVersion !== FORMAT_VERSION)
    errors.push(`manifest.json formatVersion is ${String(m.formatVersion)}, not 1`);
  if (!isString(m.bundleId) || !isString(m.createdAt))
    errors.push('manifest.json lacks bundleId or createdAt');
  const c = m.collector;
  if (!isObject(c) || !isString(c.name) || !isString(c.fingerprint))
    errors.push('manifest.json collector is malformed');
  const cs = m.case;
  if (
    cs !== undefined &&
    (!isObject(cs) || !isString(cs.id) || !isString(cs.title) || !isString(cs.tlp))
  )
    errors.push('manifest.json case is malformed');
  const k = m.custody;
  if (!isObject(k) || !isString(k.head) || typeof k.events !== 'number')
    errors.push('manifest.json custody is malformed');
  const items = m.items;
  if (
    !Array.isArray(items) ||
    !items.every((i) => isObject(i) && isString(i.id) && isString(i.path))
  ) {
    errors.push('manifest.json items is malformed');
  }
  const files = m.files;
  const fileOk = (f: unknown): boolean =>
    isObject(f) &&
    isString(f.path) &&
    isString(f.role) &&
    isString(f.sha256) &&
    typeof f.bytes === 'number' &&
    isString(f.mediaType);
  if (!Array.isArray(files) || !files.every(fileOk))
    errors.push('manifest.json files is malformed');
  return errors;
}

/** Normalises a fingerprint for comparison: hex digits only, upper case. */
export function normalizeFingerprint(fpr: string): string {
  return fpr.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
}
