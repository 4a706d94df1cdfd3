// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ExportDeps, ExportResult, PreparedCustodyLike } from './export-bundle';
import { logThenSave } from './log-then-save';

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
  const saved = await logThenSave(
    deps,
    {
      at: now().toISOString(),
      type: 'handed-over' as const,
      details: { bundleId: h.bundleId, file: h.filename, sha256, recipients: fingerprints },
    },
    { bundleId: h.bundleId, filename: h.filename, bytes: h.sealed, sha256 },
  );
  return { ...saved, recipients: fingerprints, zipSha256: h.zipSha256 };
}
