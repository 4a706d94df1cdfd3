// SPDX-License-Identifier: AGPL-3.0-or-later
// A platform pack exported on its own: the notices only, no evidence files, no custody log, so a
// platform or hosting provider learns nothing beyond what the notices say. Signed like a bundle
// (SHA256SUMS + detached OpenPGP signature + the collector's key), so `sha256sum -c` and
// `gpg --verify` check it; it is not a full bundle (no manifest.json) and Attest's verifier
// reports it as such.
import JSZip from 'jszip';
import { utf8Encode } from '../crypto/bytes';
import { sha256Hex } from '../crypto/hash';
import { verifyDetached } from '../crypto/pgp';
import { ExportError } from './errors';
import { isSafeBundlePath, ROOT_FILES } from './paths';
import { formatSums } from './sums';

export interface PackZipInput {
  createdAt: string;
  collector: { name: string; fingerprint: string; publicKeyArmored: string };
  files: Array<{ path: string; text: string }>;
}

function refuse(message: string): never {
  throw new ExportError(`export refused: ${message}`);
}

function readme(input: PackZipInput): string {
  return [
    'Attest platform pack',
    '',
    `Created (UTC): ${input.createdAt}`,
    `Signed by: ${input.collector.name}, OpenPGP key ${input.collector.fingerprint}`,
    '',
    'notices/ holds, per platform, an escalation CSV and a notice under Article 16 of the EU',
    'Digital Services Act, per hosting provider an X-ARF report, and, when there are any, the',
    'SHA-256 and PDQ hashes of intimate images (the images themselves are never included).',
    '',
    'To check that nothing was changed:',
    '  sha256sum -c SHA256SUMS          (Linux; macOS: shasum -a 256 -c SHA256SUMS)',
    '  gpg --import collector-key.asc',
    '  gpg --verify SHA256SUMS.asc SHA256SUMS',
    '',
  ].join('\n');
}

/** Signed ZIP of a platform pack; throws ExportError, writing nothing, if signing fails or does not verify. */
export async function writePackZip(
  input: PackZipInput,
  deps: { sign(data: Uint8Array): Promise<string> },
): Promise<Uint8Array> {
  if (input.files.length === 0) refuse('the platform pack is empty');
  const members = [
    { path: ROOT_FILES.key, data: utf8Encode(input.collector.publicKeyArmored.trimEnd() + '\n') },
    { path: ROOT_FILES.readme, data: utf8Encode(readme(input)) },
    ...input.files.map((f) => ({ path: f.path, data: utf8Encode(f.text) })),
  ];
  const seen = new Set<string>();
  for (const m of members) {
    if (!isSafeBundlePath(m.path) || seen.has(m.path))
      refuse(`unsafe or repeated path "${m.path}"`);
    seen.add(m.path);
  }
  const sums = utf8Encode(
    formatSums(
      await Promise.all(
        members.map(async (m) => ({ path: m.path, sha256: await sha256Hex(m.data) })),
      ),
    ),
  );
  let signature: string;
  try {
    signature = await deps.sign(sums);
  } catch (e) {
    return refuse(`signing failed (${e instanceof Error ? e.message : String(e)})`);
  }
  const check = await verifyDetached({
    data: sums,
    signatureArmored: signature,
    publicKeyArmored: input.collector.publicKeyArmored,
  });
  if (!check.valid) refuse('the signature does not verify with the collector key');
  const zip = new JSZip();
  const date = new Date(input.createdAt);
  const add = (path: string, data: Uint8Array): void => {
    zip.file(path, data, { binary: true, createFolders: false, date, compression: 'DEFLATE' });
  };
  add(ROOT_FILES.sums, sums);
  add(ROOT_FILES.signature, utf8Encode(signature));
  for (const m of members) add(m.path, m.data);
  return zip.generateAsync({ type: 'uint8array', compressionOptions: { level: 6 } });
}
