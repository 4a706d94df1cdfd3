// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PostFields } from '../model/item';
import { CaptureError, isQuotaError } from './errors';
import type { PageData } from './page-data';

export const NOTE_NO_POST = 'post fields not detected';

/**
 * The post block and the notes the capture script reported. Older capture scripts report
 * neither; then the item says plainly that no post was recognised.
 */
export function pageExtras(page: PageData): { post?: PostFields; notes: string[] } {
  // Typed loosely on purpose: it reads scripts that predate `post` and `notes` as well.
  const extra: { post?: unknown; notes?: unknown } = page;
  const post =
    typeof extra.post === 'object' && extra.post !== null ? (extra.post as PostFields) : undefined;
  if (Array.isArray(extra.notes)) {
    const notes = extra.notes.filter((n): n is string => typeof n === 'string');
    return post ? { post, notes } : { notes };
  }
  return post ? { post, notes: [] } : { notes: [NOTE_NO_POST] };
}

/** Commits through the vault and turns its failures into capture errors the UI can explain. */
export async function commitOrExplain(commit: () => Promise<void>): Promise<void> {
  try {
    await commit();
  } catch (error) {
    // The vault tells a full disk apart (VaultFullError); a bare quota error is one too.
    const full = (error as { code?: unknown } | null)?.code === 'storage-full';
    if (full || isQuotaError(error)) {
      // The vault's message already says how much was needed and free.
      const message =
        full && error instanceof Error ? error.message : 'Not enough disk space: nothing was saved';
      throw new CaptureError('storage-full', message, { cause: error });
    }
    if (error instanceof Error && error.name === 'VaultLockedError') {
      throw new CaptureError('vault-locked', 'The vault was locked during capture', {
        cause: error,
      });
    }
    throw new CaptureError('commit-failed', `Saving failed, nothing was saved: ${String(error)}`, {
      cause: error,
    });
  }
}
