// SPDX-License-Identifier: AGPL-3.0-or-later
import { utf8Decode } from '../crypto/bytes';
import { verifyChain } from '../custody/chain';
import type { ItemJson } from '../model/item';
import {
  checkVoucher,
  COLLECTOR_FILES,
  COLLECTOR_PATH,
  collectorPath,
  voucherFor,
  vouchErrors,
  type Voucher,
} from './collectors';
import { capturedFiles, capturedMismatch } from './custody-items';
import { manifestShapeErrors, normalizeFingerprint, type BundleManifest } from './manifest';
import { itemPath, ROOT_FILES } from './paths';
import { check, type CheckResult, type CustodyReport, type FileCheck } from './report';
import type { BundleContents } from './scan';
import type { SumLine } from './sums';

/** Text of a kept file, or null if absent or not UTF-8. */
export function textOf(contents: BundleContents, path: string): string | null {
  const bytes = contents.texts.get(path);
  if (!bytes) return null;
  try {
    return utf8Decode(bytes);
  } catch {
    return null;
  }
}

/** Parsed JSON of a kept file, or undefined. */
export function jsonOf(contents: BundleContents, path: string): unknown {
  const text = textOf(contents, path);
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Listed == present and every hash right; names missing, extra and renamed files. */
export function checkFiles(
  contents: BundleContents,
  sums: SumLine[],
): { listing: CheckResult; hashes: CheckResult; files: FileCheck[] } {
  const listed = new Map(sums.map((l) => [l.path, l.sha256]));
  const extra = [...contents.present.keys()].filter(
    (p) => !listed.has(p) && p !== ROOT_FILES.sums && p !== ROOT_FILES.signature,
  );
  const renamedTo = new Map<string, string>();
  for (const p of extra) {
    const actual = contents.present.get(p)?.sha256;
    const from = sums.find(
      (l) => l.sha256 === actual && !contents.present.has(l.path) && !renamedTo.has(l.path),
    );
    if (from) renamedTo.set(from.path, p);
  }
  const renamedFrom = new Map([...renamedTo].map(([from, to]) => [to, from]));
  const files: FileCheck[] = [];
  const listingErrors: string[] = [];
  const hashErrors: string[] = [];
  for (const { path, sha256: expected } of sums) {
    const actual = contents.present.get(path)?.sha256;
    if (actual === undefined) {
      const to = renamedTo.get(path);
      const problem = to ? `renamed to ${to}` : 'missing from the archive';
      listingErrors.push(`${path} is listed in SHA256SUMS but ${problem}`);
      files.push({ path, ok: false, expected, problem });
    } else if (actual !== expected) {
      hashErrors.push(`${path} has been changed: SHA-256 ${actual}, SHA256SUMS says ${expected}`);
      files.push({ path, ok: false, expected, actual, problem: 'hash mismatch' });
    } else files.push({ path, ok: true, expected, actual });
  }
  for (const path of extra) {
    const from = renamedFrom.get(path);
    const problem = from ? `renamed from ${from}` : 'not listed in SHA256SUMS';
    listingErrors.push(`${path} is in the archive but ${problem}`);
    files.push({ path, ok: false, actual: contents.present.get(path)?.sha256, problem });
  }
  return {
    listing: check(
      'listing',
      `SHA256SUMS lists exactly the ${sums.length} files in the archive`,
      listingErrors,
    ),
    hashes: check('hashes', `every file matches its SHA-256 in SHA256SUMS`, hashErrors),
    files,
  };
}

/** The manifest is well formed and agrees with SHA256SUMS and the real sizes. */
export function checkManifest(
  contents: BundleContents,
  sums: SumLine[],
): { result: CheckResult; manifest?: BundleManifest } {
  const raw = jsonOf(contents, ROOT_FILES.manifest);
  if (raw === undefined)
    return { result: check('manifest', '', ['manifest.json is missing or not valid JSON']) };
  const shape = manifestShapeErrors(raw);
  if (shape.length > 0) return { result: check('manifest', '', shape) };
  const manifest = raw as BundleManifest;
  const listed = new Map(sums.map((l) => [l.path, l.sha256]));
  const errors: string[] = [];
  const described = new Set<string>();
  for (const f of manifest.files) {
    described.add(f.path);
    if (listed.get(f.path) !== f.sha256)
      errors.push(`manifest.json and SHA256SUMS disagree on ${f.path}`);
    const bytes = contents.present.get(f.path)?.bytes;
    if (bytes !== undefined && bytes !== f.bytes)
      errors.push(`${f.path} is ${bytes} bytes, manifest.json says ${f.bytes}`);
  }
  for (const l of sums) {
    if (l.path !== ROOT_FILES.manifest && !described.has(l.path))
      errors.push(`${l.path} is in SHA256SUMS but not in manifest.json`);
  }
  return {
    result: check(
      'manifest',
      `manifest.json (format v1) agrees with SHA256SUMS on ${manifest.files.length} files`,
      errors,
    ),
    manifest,
  };
}

/** The custody chain is intact and its head is the one the manifest recorded. */
export function checkCustody(
  contents: BundleContents,
  manifest?: BundleManifest,
): { result: CheckResult; custody: CustodyReport; lines: string[] } {
  const text = textOf(contents, ROOT_FILES.custody);
  if (text === null) {
    const errors = ['custody-log.jsonl is missing or not UTF-8'];
    return {
      result: check('custody', '', errors),
      custody: { ok: false, events: 0, errors },
      lines: [],
    };
  }
  const errors: string[] = [];
  if (!text.endsWith('\n')) errors.push('custody-log.jsonl does not end with a newline');
  const lines = text.length === 0 ? [] : text.replace(/\n$/, '').split('\n');
  const chain = verifyChain(lines);
  errors.push(...chain.errors.map((e) => `custody log: ${e}`));
  if (!chain.ok && chain.errors.length === 0) errors.push('custody log: chain broken');
  const expectedHead = manifest?.custody.head;
  if (manifest && chain.head !== expectedHead)
    errors.push(
      `custody log head ${chain.head} is not the head in manifest.json (${expectedHead})`,
    );
  if (manifest && lines.length !== manifest.custody.events)
    errors.push(
      `custody log has ${lines.length} events, manifest.json says ${manifest.custody.events}`,
    );
  const custody: CustodyReport = {
    ok: errors.length === 0,
    events: lines.length,
    head: chain.head,
    expectedHead,
    errors,
  };
  return {
    result: check(
      'custody',
      `custody chain of ${lines.length} events intact, head ${chain.head}`,
      errors,
    ),
    custody,
    lines,
  };
}

/** Each item.json agrees with SHA256SUMS and with the hashes its 'captured' event recorded. */
export function checkItems(
  contents: BundleContents,
  sums: SumLine[],
  manifest: BundleManifest | undefined,
  lines: string[],
  vouchers: Voucher[] = [],
): { result: CheckResult; attribution: Map<string, string[]>; vouchedBy: Map<string, Voucher> } {
  const attribution = new Map<string, string[]>();
  const vouchedBy = new Map<string, Voucher>();
  if (!manifest)
    return {
      result: check('items', '', ['items not checked: manifest.json unusable']),
      attribution,
      vouchedBy,
    };
  const signer = normalizeFingerprint(manifest.collector.fingerprint);
  const listed = new Map(sums.map((l) => [l.path, l.sha256]));
  const captured = capturedFiles(lines);
  const ids = new Set(manifest.items.map((i) => i.id));
  const errors: string[] = [];
  for (const { id, path } of manifest.items) {
    if (path !== itemPath(id, 'item.json'))
      errors.push(`manifest.json item ${id} points to ${path}`);
    const item = jsonOf(contents, itemPath(id, 'item.json')) as ItemJson | undefined;
    if (!item || !Array.isArray(item.files)) {
      errors.push(`${itemPath(id, 'item.json')} is missing or malformed`);
      continue;
    }
    if (item.id !== id) errors.push(`${itemPath(id, 'item.json')} has id ${String(item.id)}`);
    // A bundle re-signed with another key must also rewrite every item.json to pass: the
    // collector recorded at capture has to be the one whose key signs (one collector per bundle
    // in format v1).
    const recorded = normalizeFingerprint(String(item.collector?.fingerprint ?? ''));
    // Another collector's item (an ally's, docs/bundle-format.md §9e) passes only when that
    // collector's own signature over its hashes is in the bundle and checks.
    const voucher = recorded !== signer ? voucherFor(vouchers, recorded, id) : undefined;
    if (recorded !== signer && !voucher)
      errors.push(
        `${itemPath(id, 'item.json')} names collector key ${recorded || 'none'}, not the bundle's signer, and the bundle holds no signature of that collector`,
      );
    const vouched = voucher ? vouchErrors(voucher, id, item.files, (p) => listed.get(p)) : [];
    errors.push(...vouched);
    if (voucher && vouched.length === 0) vouchedBy.set(id, voucher);
    if (recorded === signer || (voucher && vouched.length === 0)) {
      const list = attribution.get(recorded) ?? [];
      attribution.set(recorded, [...list, id]);
    }
    for (const f of item.files) {
      const p = itemPath(id, f.path);
      if (listed.get(p) !== f.sha256)
        errors.push(
          `${p}: item.json records SHA-256 ${f.sha256}, SHA256SUMS says ${listed.get(p) ?? 'nothing'}`,
        );
      const bytes = contents.present.get(p)?.bytes;
      if (bytes !== undefined && bytes !== f.bytes)
        errors.push(`${p} is ${bytes} bytes, item.json says ${f.bytes}`);
    }
    if (!voucher) errors.push(...capturedMismatch(id, item.files, captured.get(id)));
  }
  for (const l of sums) {
    const m = /^items\/([^/]+)\//.exec(l.path);
    if (m?.[1] !== undefined && !ids.has(m[1]))
      errors.push(`${l.path} belongs to no item in manifest.json`);
  }
  return {
    result: check(
      'items',
      `${ids.size} items agree with SHA256SUMS and their custody 'captured' events`,
      errors,
    ),
    attribution,
    vouchedBy,
  };
}

/** Every `collectors/<fingerprint>/` folder of the bundle, checked (empty when there is none). */
export async function checkCollectors(contents: BundleContents): Promise<Voucher[]> {
  const folders = new Map<string, [string, string]>();
  for (const path of contents.present.keys()) {
    const m = COLLECTOR_PATH.exec(path);
    if (m?.[1] && m[2]) folders.set(`${m[1]}/${m[2]}`, [m[1], m[2]]);
  }
  const out: Voucher[] = [];
  for (const [, [fpr, source]] of [...folders].sort(([a], [b]) => a.localeCompare(b))) {
    const get = (name: string) => contents.texts.get(collectorPath(fpr, source, name)) ?? null;
    out.push(
      await checkVoucher(fpr, source, {
        sums: get(COLLECTOR_FILES.sums),
        signature: get(COLLECTOR_FILES.signature),
        key: get(COLLECTOR_FILES.key),
        custody: get(COLLECTOR_FILES.custody),
        manifest: get(COLLECTOR_FILES.manifest),
      }),
    );
  }
  return out;
}
