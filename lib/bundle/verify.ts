// SPDX-License-Identifier: AGPL-3.0-or-later
import { createSha256 } from '../crypto/hash';
import { readKeyFingerprint, verifyDetached } from '../crypto/pgp';
import { checkClassifications } from './classification-check';
import { ArchiveError } from './errors';
import { normalizeFingerprint, type BundleManifest } from './manifest';
import { ROOT_FILES } from './paths';
import { check, type CheckResult, type VerifyReport } from './report';
import { scanBundle, type BundleContents, type HashFactory } from './scan';
import { parseSums } from './sums';
import { checkTimestamps } from './timestamps';
import {
  checkCollectors,
  checkCustody,
  checkFiles,
  checkItems,
  checkManifest,
  textOf,
} from './verify-checks';
import { DEFAULT_LIMITS, type ArchiveLimits, type ByteSource } from './zip-archive';

export interface VerifyDeps {
  /** Streaming SHA-256; Node's OpenSSL one is injected by the CLI for speed. */
  createHash?: HashFactory;
  limits?: Partial<ArchiveLimits>;
}

const emptyCustody = { ok: false, events: 0, errors: [] };

function unreadable(message: string): VerifyReport {
  const errors = [message];
  return {
    status: 'unreadable',
    checks: [{ id: 'archive', ok: false, message }],
    files: [],
    custody: emptyCustody,
    errors,
  };
}

async function checkSignature(
  contents: BundleContents,
  manifest?: BundleManifest,
): Promise<{ signature: CheckResult; key: CheckResult; fingerprint?: string }> {
  const sums = contents.texts.get(ROOT_FILES.sums);
  const signatureArmored = textOf(contents, ROOT_FILES.signature);
  const publicKeyArmored = textOf(contents, ROOT_FILES.key);
  if (!sums || signatureArmored === null || publicKeyArmored === null) {
    const missing = [
      'signature not checked: SHA256SUMS, SHA256SUMS.asc or collector-key.asc unusable',
    ];
    return { signature: check('signature', '', missing), key: check('collector-key', '', missing) };
  }
  let fingerprint: string;
  try {
    fingerprint = normalizeFingerprint(await readKeyFingerprint(publicKeyArmored));
  } catch (e) {
    const errors = [
      `collector-key.asc is not a readable OpenPGP public key (${e instanceof Error ? e.message : String(e)})`,
    ];
    return { signature: check('signature', '', errors), key: check('collector-key', '', errors) };
  }
  const result = await verifyDetached({ data: sums, signatureArmored, publicKeyArmored }).catch(
    (e: unknown) => ({
      valid: false,
      fingerprint: '',
      signingKeyId: '',
      error: e instanceof Error ? e.message : String(e),
    }),
  );
  const sigErrors = result.valid
    ? []
    : [
        `SHA256SUMS.asc is not a good signature of SHA256SUMS by collector-key.asc (${result.error ?? 'bad signature'})`,
      ];
  const named = manifest ? normalizeFingerprint(manifest.collector.fingerprint) : undefined;
  const keyErrors =
    named === fingerprint
      ? []
      : [
          `the signing key ${fingerprint} is not the collector ${named ?? '(unknown)'} named in manifest.json`,
        ];
  return {
    signature: check('signature', `good signature of SHA256SUMS by key ${fingerprint}`, sigErrors),
    key: check(
      'collector-key',
      `signing key is the collector named in manifest.json (${fingerprint})`,
      keyErrors,
    ),
    fingerprint,
  };
}

/**
 * Verifies an evidence bundle (format v1) read from a random-access source, streaming every entry
 * once. 'unreadable': not a ZIP or an unsafe archive (nothing further checked); 'tampered': any
 * check failed (all named in `errors`); 'intact': every check passed.
 */
export async function verifyBundle(
  source: ByteSource,
  deps: VerifyDeps = {},
): Promise<VerifyReport> {
  let contents: BundleContents;
  try {
    contents = await scanBundle(source, {
      createHash: deps.createHash ?? createSha256,
      limits: { ...DEFAULT_LIMITS, ...deps.limits },
    });
  } catch (e) {
    if (e instanceof ArchiveError) return unreadable(`unreadable or unsafe archive: ${e.message}`);
    // A source that fails to read (file moved, permission) is unreadable input too: fail closed.
    return unreadable(`could not read the bundle: ${e instanceof Error ? e.message : String(e)}`);
  }
  const missing = Object.values(ROOT_FILES).filter((f) => !contents.present.has(f));
  const required = check(
    'required-files',
    'all six root files present',
    missing.map((f) => `${f} is missing from the bundle root`),
  );
  const sumsText = textOf(contents, ROOT_FILES.sums);
  const parsed =
    sumsText === null
      ? { lines: [], errors: ['SHA256SUMS is missing or not UTF-8'] }
      : parseSums(sumsText);
  const format = check(
    'sums-format',
    `SHA256SUMS well formed (${parsed.lines.length} lines)`,
    parsed.errors,
  );
  const { listing, hashes, files } = checkFiles(contents, parsed.lines);
  const { result: manifestCheck, manifest } = checkManifest(contents, parsed.lines);
  const { signature, key, fingerprint } = await checkSignature(contents, manifest);
  const { result: custodyCheck, custody, lines } = checkCustody(contents, manifest);
  const vouchers = await checkCollectors(contents);
  const {
    result: items,
    attribution,
    vouchedBy,
  } = checkItems(contents, parsed.lines, manifest, lines, vouchers);
  const collectorsCheck =
    vouchers.length > 0
      ? check(
          'collectors',
          `signatures of ${vouchers.length} other collector(s) over their items' hashes are good`,
          vouchers.flatMap((v) => v.errors),
        )
      : undefined;
  const classified = checkClassifications(contents, manifest, lines);
  // Another collector's item was stamped over that collector's own 'captured' line.
  const stamped = await checkTimestamps(
    contents,
    manifest,
    (id) => vouchedBy.get(id)?.lines ?? lines,
  );
  const archive = check(
    'archive',
    `${contents.entries} entries, names, sizes and structure safe`,
    [],
  );
  const results = [
    archive,
    required,
    format,
    listing,
    hashes,
    signature,
    key,
    manifestCheck,
    custodyCheck,
    ...(collectorsCheck ? [collectorsCheck] : []),
    items,
    ...(classified ? [classified] : []),
    ...(stamped.result ? [stamped.result] : []),
  ];
  const errors = results.flatMap((r) => r.errors);
  return {
    status: errors.length === 0 ? 'intact' : 'tampered',
    bundleId: manifest?.bundleId,
    fingerprint,
    collector: manifest?.collector,
    checks: results.map(({ id, ok, message }) => ({ id, ok, message })),
    files,
    custody,
    collectors: [...attribution].map(([fpr, ids]) => ({
      fingerprint: fpr,
      name:
        fpr === fingerprint
          ? (manifest?.collector.name ?? '')
          : (vouchers.find((v) => v.fingerprint === fpr)?.name ?? ''),
      items: ids,
      signer: fpr === fingerprint,
    })),
    ...(stamped.result ? { timestamps: stamped.timestamps } : {}),
    errors,
  };
}
