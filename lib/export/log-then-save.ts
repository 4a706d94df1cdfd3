// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ExportResult, PreparedCustodyLike } from './export-bundle';

/** A finished export file: complete, signed (and sealed for a hand-over), not yet saved. */
export interface ExportFile {
  bundleId: string;
  filename: string;
  bytes: Uint8Array;
  sha256: string;
}

/** What saving needs: the custody log to commit to and the downloads API. */
export interface SaveDeps<I, P extends PreparedCustodyLike> {
  vault: {
    prepareCustodyEvent(input: I): Promise<P>;
    commitCustodyEvent(prepared: P): Promise<void>;
  };
  save(bytes: Uint8Array, filename: string): Promise<number>;
}

const MAX_ATTEMPTS = 3;

/**
 * Every export ends here: its custody event is committed first, then the file is saved, so no
 * file leaves the vault unlogged. `prepared` is an event already inside the file (a bundle's
 * 'exported' line); if the log moved meanwhile the commit throws and the caller builds again.
 */
export async function commitThenSave<P extends PreparedCustodyLike>(
  deps: SaveDeps<never, P>,
  prepared: P,
  file: ExportFile,
): Promise<ExportResult> {
  await deps.vault.commitCustodyEvent(prepared);
  const downloadId = await deps.save(file.bytes, file.filename);
  return {
    bundleId: file.bundleId,
    filename: file.filename,
    sha256: file.sha256,
    bytes: file.bytes.byteLength,
    downloadId,
  };
}

/**
 * Logs `event`, which the file does not contain, then saves the file. A capture committed in
 * between only makes the event be prepared again on the new head.
 */
export async function logThenSave<I, P extends PreparedCustodyLike>(
  deps: SaveDeps<I, P>,
  event: I,
  file: ExportFile,
): Promise<ExportResult> {
  for (let attempt = 1; ; attempt++) {
    const prepared = await deps.vault.prepareCustodyEvent(event);
    try {
      return await commitThenSave(deps, prepared, file);
    } catch (error) {
      const conflict = error instanceof Error && error.name === 'CustodyConflictError';
      if (!conflict || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
