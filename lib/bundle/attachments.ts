// SPDX-License-Identifier: AGPL-3.0-or-later
import { sha256Hex } from '../crypto/hash';
import { ExportError } from './errors';
import type { BundleFileRole, ManifestFile } from './manifest';
import { isSafeBundlePath, ROOT_FILES } from './paths';

/**
 * A file made at export time rather than at capture (the PDF report, its blurred derived images,
 * the offline verifier). Hashed and signed like every other member; never under `items/`, whose
 * files must all come from a capture.
 */
export interface BundleAttachment {
  path: string;
  role: Extract<BundleFileRole, 'report' | 'derived-image' | 'verifier'>;
  mediaType: string;
  bytes: Uint8Array;
  /** For a derived image: the evidence file it was made from. */
  derivedFrom?: { path: string; sha256: string };
}

const RESERVED = new Set<string>(Object.values(ROOT_FILES));

/** Attachments as bundle members; throws ExportError on an unsafe, reserved or repeated path. */
export async function attachmentMembers(
  attachments: readonly BundleAttachment[],
): Promise<Array<ManifestFile & { data: Uint8Array }>> {
  const seen = new Set<string>();
  const out: Array<ManifestFile & { data: Uint8Array }> = [];
  for (const a of attachments) {
    if (
      !isSafeBundlePath(a.path) ||
      a.path.startsWith('items/') ||
      RESERVED.has(a.path) ||
      seen.has(a.path)
    )
      throw new ExportError(`export refused: attachment path "${a.path}" is not allowed`);
    seen.add(a.path);
    out.push({
      path: a.path,
      role: a.role,
      sha256: await sha256Hex(a.bytes),
      bytes: a.bytes.length,
      mediaType: a.mediaType,
      ...(a.derivedFrom ? { derivedFrom: a.derivedFrom } : {}),
      data: a.bytes,
    });
  }
  return out;
}
