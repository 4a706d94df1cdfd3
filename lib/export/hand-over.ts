// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ExportDeps, ExportResult, PreparedCustodyLike } from './export-bundle';

/** A recipient of an encrypted hand-over (lawyer, helpline), as kept sealed in the vault. */
export interface HandOverRecipient {
  /** Upper-case hex, as gpg prints it: confirmed with the recipient out of band. */
  fingerprint: string;
  /** The first user id of the key, for display. */
  label: string;
  publicKeyArmored: string;
}

/**
 * Logs the hand-over ('handed-over': bundle id, file name, SHA-256 of the encrypted file and the
 * recipients' fingerprints), then saves the encrypted file. The 'exported' event is already
 * committed, so a capture landing in between only makes this one event be prepared again.
 */
export async function handOver<P extends PreparedCustodyLike>(
  deps: ExportDeps<P>,
  h: {
    bundleId: string;
    filename: string;
    sealed: Uint8Array;
    zipSha256: string;
    recipients: HandOverRecipient[];
  },
): Promise<ExportResult> {
  const now = deps.now ?? (() => new Date());
  const sha256 = await deps.sha256Hex(h.sealed);
  const fingerprints = h.recipients.map((r) => r.fingerprint);
  for (let attempt = 1; ; attempt++) {
    const prepared = await deps.vault.prepareCustodyEvent({
      at: now().toISOString(),
      type: 'handed-over',
      details: { bundleId: h.bundleId, file: h.filename, sha256, recipients: fingerprints },
    });
    try {
      await deps.vault.commitCustodyEvent(prepared);
      break;
    } catch (error) {
      const conflict = error instanceof Error && error.name === 'CustodyConflictError';
      if (!conflict || attempt >= 3) throw error;
    }
  }
  const downloadId = await deps.save(h.sealed, h.filename);
  return {
    bundleId: h.bundleId,
    filename: h.filename,
    sha256,
    bytes: h.sealed.byteLength,
    downloadId,
    recipients: fingerprints,
    zipSha256: h.zipSha256,
  };
}
