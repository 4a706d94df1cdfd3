// SPDX-License-Identifier: AGPL-3.0-or-later
import JSZip from 'jszip';
import { utf8Encode } from '../crypto/bytes';
import { sha256Hex } from '../crypto/hash';
import { readKeyFingerprint, verifyDetached } from '../crypto/pgp';
import { headOf, verifyChain } from '../custody/chain';
import type { Classification } from '../model/classification';
import type { ItemJson } from '../model/item';
import { attachmentMembers, type BundleAttachment } from './attachments';
import { classificationMember, noticeMembers } from './classification-members';
import type { CollectorFiles } from '../model/invitation';
import {
  checkVoucher,
  COLLECTOR_FILES,
  collectorPath,
  voucherFor,
  vouchErrors,
  type Voucher,
} from './collectors';
import { capturedFiles, capturedMismatch } from './custody-items';
import { exportStep, type ExportControl } from './progress';
import { ExportError } from './errors';
import {
  FORMAT_VERSION,
  normalizeFingerprint,
  type BundleManifest,
  type ManifestFile,
  type BundleCase,
} from './manifest';
import { isSafeBundlePath, isSafeSegment, itemPath, ROOT_FILES } from './paths';
import { renderReadme } from './readme';
import { formatSums } from './sums';
import { checkItemTimestamp, TIMESTAMP_FILES } from './timestamps';

export interface BundleInput {
  bundleId: string;
  createdAt: string;
  generator: { name: string; version: string; browser: string };
  collector: { name: string; fingerprint: string; publicKeyArmored: string };
  /** Written to manifest.json as `case` (docs/bundle-format.md §7). */
  case?: BundleCase;
  items: Array<{
    item: ItemJson;
    files: Array<{ path: string; bytes: Uint8Array }>;
    /** The item's RFC 3161 timestamp over its 'captured' custody line, when it has one. */
    timestamp?: { response: Uint8Array; chainPem: string };
    /** Written as `items/<id>/classification.json` (role `classification`). */
    classification?: Classification;
  }>;
  /** The platform pack (`notices/...`, lib/reports/platform-pack.ts). */
  notices?: Array<{ path: string; mediaType: string; text: string }>;
  custodyLines: string[];
  /** Files made at export (report, derived images, verify.html); see attachments.ts. */
  attachments?: BundleAttachment[];
  /** BCP 47 tag of the user's language, for README.txt (English when absent or unknown). */
  lang?: string;
  /**
   * The signed files of every other collector whose items are in `items` (an ally's, imported
   * from a hand-over), written under `collectors/<fingerprint>/`.
   */
  collectors?: Array<{ fingerprint: string; source: string; files: CollectorFiles }>;
}

export interface BundleWriterDeps extends ExportControl {
  /** Armored detached OpenPGP signature of `data` by the collector's key. */
  sign(data: Uint8Array): Promise<string>;
}

type Member = ManifestFile & { data: Uint8Array };

// Already-compressed media gain nothing from DEFLATE and cost CPU twice (write and verify).
const STORED = /^(image\/(png|jpeg|gif|webp|avif)|video\/|audio\/|application\/(zip|gzip|pdf))/;

const TIMESTAMP_NAMES = new Set<string>(Object.values(TIMESTAMP_FILES));

function refuse(message: string): never {
  throw new ExportError(`export refused: ${message}`);
}

async function itemMembers(entry: BundleInput['items'][number]): Promise<Member[]> {
  const { item, files } = entry;
  if (!isSafeSegment(item.id)) refuse(`item id "${item.id}" is not a safe path segment`);
  const given = new Map(files.map((f) => [f.path, f.bytes]));
  if (given.size !== files.length || files.length !== item.files.length)
    refuse(`item ${item.id}: files do not match item.json`);
  const members: Member[] = [];
  for (const f of item.files) {
    const path = itemPath(item.id, f.path);
    if (!isSafeBundlePath(path) || f.path === 'item.json') refuse(`unsafe path "${path}"`);
    if (TIMESTAMP_NAMES.has(f.path) || f.role === 'timestamp-token' || f.role === 'timestamp-chain')
      refuse(`${path}: timestamp files are attached after capture, never listed in item.json`);
    const data = given.get(f.path) ?? refuse(`item ${item.id}: no bytes for ${f.path}`);
    const sha256 = await sha256Hex(data);
    if (sha256 !== f.sha256 || data.length !== f.bytes) {
      refuse(
        `${path} does not match the SHA-256 recorded at capture (${f.sha256}); the vault copy changed`,
      );
    }
    members.push({ path, role: f.role, sha256, bytes: data.length, mediaType: f.mediaType, data });
  }
  const json = utf8Encode(`${JSON.stringify(item, null, 2)}\n`);
  const metaPath = itemPath(item.id, 'item.json');
  members.unshift({
    path: metaPath,
    role: 'item-metadata',
    sha256: await sha256Hex(json),
    bytes: json.length,
    mediaType: 'application/json',
    data: json,
  });
  return members;
}

// A token that would make the bundle 'tampered' is refused here rather than exported.
async function timestampMembers(
  entry: BundleInput['items'][number],
  custodyLines: string[],
): Promise<Member[]> {
  const { item, timestamp } = entry;
  if (!timestamp) return [];
  const check = await checkItemTimestamp({
    itemId: item.id,
    response: timestamp.response,
    chainPem: timestamp.chainPem,
    custodyLines,
  });
  if (!check.ok) refuse(check.errors.join('; '));
  const chain = utf8Encode(timestamp.chainPem);
  const member = async (
    name: string,
    role: ManifestFile['role'],
    mediaType: string,
    data: Uint8Array,
  ): Promise<Member> => ({
    path: itemPath(item.id, name),
    role,
    sha256: await sha256Hex(data),
    bytes: data.length,
    mediaType,
    data,
  });
  return [
    await member(
      TIMESTAMP_FILES.token,
      'timestamp-token',
      'application/timestamp-reply',
      timestamp.response,
    ),
    await member(
      TIMESTAMP_FILES.chain,
      'timestamp-chain',
      'application/pem-certificate-chain',
      chain,
    ),
  ];
}

async function textMember(
  path: string,
  role: ManifestFile['role'],
  mediaType: string,
  text: string,
): Promise<Member> {
  const data = utf8Encode(text);
  return { path, role, sha256: await sha256Hex(data), bytes: data.length, mediaType, data };
}

async function signChecked(
  sums: Uint8Array,
  input: BundleInput,
  deps: BundleWriterDeps,
): Promise<string> {
  let signature: string;
  try {
    signature = await deps.sign(sums);
  } catch (e) {
    return refuse(`signing failed (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof signature !== 'string' || !signature.includes('-----BEGIN PGP SIGNATURE-----'))
    refuse('signing returned no signature');
  const check = await verifyDetached({
    data: sums,
    signatureArmored: signature,
    publicKeyArmored: input.collector.publicKeyArmored,
  });
  if (!check.valid)
    refuse(
      `the signature does not verify with the collector key (${check.error ?? 'bad signature'})`,
    );
  return signature;
}

const COLLECTOR_ROLES: Record<keyof CollectorFiles, [string, ManifestFile['role'], string]> = {
  sums: [COLLECTOR_FILES.sums, 'collector-sums', 'text/plain; charset=utf-8'],
  signature: [COLLECTOR_FILES.signature, 'collector-signature', 'application/pgp-signature'],
  key: [COLLECTOR_FILES.key, 'collector-key', 'application/pgp-keys'],
  custody: [COLLECTOR_FILES.custody, 'collector-custody-log', 'application/jsonl'],
  manifest: [COLLECTOR_FILES.manifest, 'collector-manifest', 'application/json'],
};

// Each other collector's folder, checked as the verifier will check it: a bad one is refused.
async function collectorMembers(
  collectors: NonNullable<BundleInput['collectors']>,
): Promise<{ vouchers: Voucher[]; members: Member[] }> {
  const vouchers: Voucher[] = [];
  const members: Member[] = [];
  for (const { fingerprint, source, files } of collectors) {
    const fpr = normalizeFingerprint(fingerprint);
    if (fpr.length !== 40 || !isSafeSegment(source))
      refuse(`collector ${fingerprint} (${source}) is malformed`);
    if (vouchers.some((v) => v.fingerprint === fpr && v.source === source))
      refuse(`collector ${fingerprint} (${source}) is given twice`);
    const bytes = {
      sums: utf8Encode(files.sums),
      signature: utf8Encode(files.signature),
      key: utf8Encode(files.key),
      custody: utf8Encode(files.custody),
      manifest: utf8Encode(files.manifest),
    };
    const voucher = await checkVoucher(fpr, source, bytes);
    if (voucher.errors.length > 0) refuse(voucher.errors.join('; '));
    vouchers.push(voucher);
    for (const k of Object.keys(COLLECTOR_ROLES) as Array<keyof CollectorFiles>) {
      const [name, role, mediaType] = COLLECTOR_ROLES[k];
      const data = bytes[k];
      const path = collectorPath(fpr, source, name);
      members.push({
        path,
        role,
        sha256: await sha256Hex(data),
        bytes: data.length,
        mediaType,
        data,
      });
    }
  }
  return { vouchers, members };
}

/**
 * Builds a signed evidence bundle (format v1) as ZIP bytes. Re-hashes every artifact and throws
 * ExportError, returning nothing, if a hash differs from capture, a path is unsafe, the custody
 * chain is broken, or signing fails: a bundle is never written half-signed.
 */
export async function writeBundle(input: BundleInput, deps: BundleWriterDeps): Promise<Uint8Array> {
  const { bundleId, collector, custodyLines } = input;
  if (!isSafeSegment(bundleId)) refuse(`bundle id "${bundleId}" is not a safe path segment`);
  const keyFpr = await readKeyFingerprint(collector.publicKeyArmored).catch(() =>
    refuse('collector key unreadable'),
  );
  if (normalizeFingerprint(keyFpr) !== normalizeFingerprint(collector.fingerprint))
    refuse('collector key does not match its fingerprint');
  const chain = verifyChain(custodyLines);
  if (!chain.ok) refuse(`custody log is broken: ${chain.errors.join('; ')}`);
  const captured = capturedFiles(custodyLines);
  const signer = normalizeFingerprint(keyFpr);
  const { vouchers, members: collectorFiles } = await collectorMembers(input.collectors ?? []);
  const ids = new Set<string>();
  const members: Member[] = [];
  const total = input.items.length;
  for (const entry of input.items) {
    // Between items: the page shows progress and takes a click; a cancel stops here.
    await exportStep(deps, { stage: 'signing', done: ids.size, total });
    if (ids.has(entry.item.id)) refuse(`item ${entry.item.id} appears twice`);
    ids.add(entry.item.id);
    const own = await itemMembers(entry);
    members.push(...own);
    const recorded = normalizeFingerprint(entry.item.collector.fingerprint);
    let problems: string[];
    // Whose custody log recorded the capture: an ally's token covers the ally's 'captured' line.
    let log = custodyLines;
    if (recorded === signer)
      problems = capturedMismatch(entry.item.id, entry.item.files, captured.get(entry.item.id));
    else {
      const voucher = voucherFor(vouchers, recorded, entry.item.id);
      if (!voucher)
        refuse(
          `item ${entry.item.id} was collected by ${recorded}, whose signed files are not given`,
        );
      const hashes = new Map(own.map((m) => [m.path, m.sha256]));
      problems = vouchErrors(voucher, entry.item.id, entry.item.files, (p) => hashes.get(p));
      log = voucher.lines;
    }
    if (problems.length > 0) refuse(problems.join('; '));
    if (entry.timestamp) members.push(...(await timestampMembers(entry, log)));
    if (entry.classification)
      members.push(await classificationMember(entry.item, entry.classification));
  }
  members.push(...collectorFiles);
  members.push(...(await noticeMembers(input.notices ?? [])));
  members.push(...(await attachmentMembers(input.attachments ?? [])));
  const fingerprint = normalizeFingerprint(keyFpr);
  members.unshift(
    await textMember(
      ROOT_FILES.key,
      'collector-key',
      'application/pgp-keys',
      collector.publicKeyArmored.trimEnd() + '\n',
    ),
    await textMember(
      ROOT_FILES.custody,
      'custody-log',
      'application/jsonl',
      custodyLines.map((l) => `${l}\n`).join(''),
    ),
    await textMember(
      ROOT_FILES.readme,
      'readme',
      'text/plain; charset=utf-8',
      renderReadme({ ...input, collectorName: collector.name, fingerprint, items: ids.size }),
    ),
  );
  const manifest: BundleManifest = {
    formatVersion: FORMAT_VERSION,
    bundleId,
    createdAt: input.createdAt,
    generator: input.generator,
    collector: { name: collector.name, fingerprint },
    ...(input.case
      ? { case: { id: input.case.id, title: input.case.title, tlp: input.case.tlp } }
      : {}),
    custody: { head: headOf(custodyLines), events: custodyLines.length },
    items: input.items.map(({ item }) => ({ id: item.id, path: itemPath(item.id, 'item.json') })),
    files: members.map(({ data: _data, ...meta }) => meta),
  };
  const manifestBytes = utf8Encode(`${JSON.stringify(manifest, null, 2)}\n`);
  const sums = utf8Encode(
    formatSums([...members, { path: ROOT_FILES.manifest, sha256: await sha256Hex(manifestBytes) }]),
  );
  await exportStep(deps, { stage: 'signing', done: total, total });
  const signStart = performance.now();
  const signature = await signChecked(sums, input, deps);
  // User Timing, as lib/export/measured.ts: the profiler and scripts/bench-export.ts read it.
  performance.measure('attest:bundle:sign', { start: signStart });

  const zip = new JSZip();
  const date = new Date(input.createdAt);
  const add = (path: string, data: Uint8Array, store: boolean): void => {
    zip.file(path, data, {
      binary: true,
      createFolders: false,
      date,
      compression: store ? 'STORE' : 'DEFLATE',
    });
  };
  add(ROOT_FILES.sums, sums, false);
  add(ROOT_FILES.signature, utf8Encode(signature), false);
  add(ROOT_FILES.manifest, manifestBytes, false);
  for (const m of members) add(m.path, m.data, STORED.test(m.mediaType));
  await exportStep(deps, { stage: 'zip', done: 0, total: 100 });
  const zipStart = performance.now();
  // DEFLATE runs in JavaScript (pako): level 1 took the bench's text files (1.5 MB DOM snapshots,
  // verify.html) in under half the time of level 6, for a bundle 0.3 to 0.5 % larger.
  const out = await generateZip(zip, deps);
  performance.measure('attest:bundle:zip', { start: zipStart });
  return out;
}

// JSZip writes chunk by chunk, each in its own task; a cancel pauses it and the bytes are dropped.
function generateZip(zip: JSZip, control: ExportControl): Promise<Uint8Array> {
  const { signal, onProgress } = control;
  const stream = zip.generateInternalStream({
    type: 'uint8array',
    compressionOptions: { level: 1 },
  });
  return new Promise<Uint8Array>((resolve, reject) => {
    const stop = () => {
      stream.pause();
      const reason: unknown = signal?.reason;
      reject(reason instanceof Error ? reason : new DOMException('Export cancelled', 'AbortError'));
    };
    signal?.addEventListener('abort', stop, { once: true });
    let shown = 0;
    void stream
      .accumulate((meta) => {
        const done = Math.floor(meta.percent);
        if (done === shown) return;
        shown = done;
        onProgress?.({ stage: 'zip', done, total: 100 });
      })
      .then(resolve, reject)
      .finally(() => signal?.removeEventListener('abort', stop));
  });
}
