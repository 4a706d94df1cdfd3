// SPDX-License-Identifier: AGPL-3.0-or-later

export type CaptureErrorCode =
  | 'no-tab'
  | 'restricted-page'
  | 'vault-locked'
  | 'script-failed'
  | 'screenshot-failed'
  | 'tab-changed'
  | 'storage-full'
  | 'commit-failed';

/** A capture that did not happen, with a code the UI turns into a localized explanation. */
export class CaptureError extends Error {
  constructor(
    readonly code: CaptureErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CaptureError';
  }
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const inner = (error as { inner?: unknown }).inner;
    return `${error.name} ${error.message} ${inner instanceof Error ? `${inner.name} ${inner.message}` : ''}`;
  }
  return String(error);
}

/** True for IndexedDB/Dexie quota failures (disk full or the origin's quota reached). */
export function isQuotaError(error: unknown): boolean {
  return /quota|disk.?full|no space/i.test(errorText(error));
}
