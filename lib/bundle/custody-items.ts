// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EvidenceFile } from '../model/item';

type FileHash = { path: string; sha256: string };

/** Each well-formed custody line of `wanted` type that names an item; others are skipped. */
function itemEvents(
  lines: readonly string[],
  wanted: string,
): Array<{ line: string; itemId: string; details: Record<string, unknown> | undefined }> {
  const out = [];
  for (const line of lines) {
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      continue; // reported by the chain check
    }
    if (typeof event !== 'object' || event === null) continue;
    const { type, itemId, details } = event as {
      type?: unknown;
      itemId?: unknown;
      details?: unknown;
    };
    const d =
      typeof details === 'object' && details !== null
        ? (details as Record<string, unknown>)
        : undefined;
    if (type === wanted && typeof itemId === 'string') out.push({ line, itemId, details: d });
  }
  return out;
}

/** Each well-formed 'captured' custody line with its item id and details; others are skipped. */
export function capturedEvents(
  lines: readonly string[],
): Array<{ line: string; itemId: string; details: { files?: unknown } | undefined }> {
  return itemEvents(lines, 'captured');
}

/**
 * The SHA-256 of `classification.json` that each item's last 'annotated' event recorded, by item
 * id. An event without a well-formed hash maps to null, so a reader still sees it was annotated.
 */
export function annotatedHashes(lines: readonly string[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const { itemId, details } of itemEvents(lines, 'annotated')) {
    const sha256 = details?.sha256;
    out.set(itemId, typeof sha256 === 'string' && /^[0-9a-f]{64}$/.test(sha256) ? sha256 : null);
  }
  return out;
}

/** The files each item's 'captured' custody event recorded, by item id (later events win). */
export function capturedFiles(lines: string[]): Map<string, FileHash[]> {
  const out = new Map<string, FileHash[]>();
  for (const { itemId, details } of capturedEvents(lines)) {
    if (!Array.isArray(details?.files)) continue;
    const files = (details.files as unknown[]).filter(
      (f): f is FileHash =>
        typeof f === 'object' &&
        f !== null &&
        typeof (f as FileHash).path === 'string' &&
        typeof (f as FileHash).sha256 === 'string',
    );
    out.set(
      itemId,
      files.map(({ path, sha256 }) => ({ path, sha256 })),
    );
  }
  return out;
}

/** Problems between an item's files and its 'captured' event, or [] when they list the same hashes. */
export function capturedMismatch(
  itemId: string,
  files: EvidenceFile[],
  captured: FileHash[] | undefined,
): string[] {
  if (!captured) return [`item ${itemId} has no 'captured' event in the custody log`];
  const key = (f: FileHash): string => `${f.path} ${f.sha256}`;
  const logged = new Set(captured.map(key));
  const listed = new Set(files.map(key));
  const errors: string[] = [];
  for (const f of files) {
    if (!logged.has(key(f)))
      errors.push(
        `item ${itemId}: ${f.path} (${f.sha256}) is not what the custody log recorded at capture`,
      );
  }
  for (const f of captured) {
    if (!listed.has(key(f)))
      errors.push(
        `item ${itemId}: the custody log recorded ${f.path} (${f.sha256}), item.json does not list it`,
      );
  }
  return errors;
}
