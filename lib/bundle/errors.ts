// SPDX-License-Identifier: AGPL-3.0-or-later
/** An export was refused; nothing was produced. */
export class ExportError extends Error {
  override name = 'ExportError';
}

/** The input is not a ZIP we are willing to read (status 'unreadable'). */
export class ArchiveError extends Error {
  override name = 'ArchiveError';
}
