// SPDX-License-Identifier: AGPL-3.0-or-later
/** Files at the root of every v1 bundle (docs/bundle-format.md §2). */
export const ROOT_FILES = {
  sums: 'SHA256SUMS',
  signature: 'SHA256SUMS.asc',
  key: 'collector-key.asc',
  manifest: 'manifest.json',
  custody: 'custody-log.jsonl',
  readme: 'README.txt',
} as const;

const SEGMENT = /^[A-Za-z0-9._-]+$/;

/**
 * True if `p` is a path the bundle format allows: relative, `/`-separated, every segment made of
 * ASCII letters, digits and `._-`, and no `.` or `..` segment.
 */
export function isSafeBundlePath(p: string): boolean {
  if (p.length === 0 || p.length > 512) return false;
  return p.split('/').every((s) => SEGMENT.test(s) && s !== '.' && s !== '..');
}

/** True if `s` can stand alone as one path segment (an item id, a bundle id). */
export function isSafeSegment(s: string): boolean {
  return isSafeBundlePath(s) && !s.includes('/');
}

/** Path of an item's folder member, e.g. `items/<id>/item.json`. */
export function itemPath(itemId: string, path: string): string {
  return `items/${itemId}/${path}`;
}

/**
 * Why a raw archive member name is unsafe to extract, or null if it is safe. Names the problem a
 * reader must see: traversal, absolute, backslash, drive letter, empty segment, other bytes.
 */
export function unsafeNameReason(name: string): string | null {
  if (name.length === 0) return 'empty name';
  if (name.includes('\\')) return 'contains a backslash';
  if (name.startsWith('/')) return 'absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter';
  const body = name.endsWith('/') ? name.slice(0, -1) : name;
  const segments = body.split('/');
  if (segments.includes('..')) return 'contains a ".." segment';
  if (segments.includes('.')) return 'contains a "." segment';
  if (segments.includes('')) return 'contains an empty segment';
  if (!isSafeBundlePath(body)) return 'contains characters outside A-Z a-z 0-9 . _ -';
  return null;
}
