// SPDX-License-Identifier: AGPL-3.0-or-later
import { isSafeBundlePath, ROOT_FILES } from './paths';

export interface SumLine {
  sha256: string;
  path: string;
}

/** SHA256SUMS in GNU coreutils text mode: `<hex>  <path>\n`, sorted by path (byte order). */
export function formatSums(lines: SumLine[]): string {
  const sorted = [...lines].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return sorted.map((l) => `${l.sha256}  ${l.path}\n`).join('');
}

/**
 * Parses SHA256SUMS strictly: LF line ends, a final newline, lower-case hex, two spaces, a safe
 * path, no duplicates, and neither SHA256SUMS nor its signature listed. Returns the lines and
 * every format problem found (named by line number).
 */
export function parseSums(text: string): { lines: SumLine[]; errors: string[] } {
  const errors: string[] = [];
  const lines: SumLine[] = [];
  if (text.length === 0) return { lines, errors: ['SHA256SUMS is empty'] };
  if (!text.endsWith('\n')) errors.push('SHA256SUMS does not end with a newline');
  const seen = new Set<string>();
  text
    .replace(/\n$/, '')
    .split('\n')
    .forEach((raw, i) => {
      const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(raw);
      if (!m) return errors.push(`SHA256SUMS line ${i + 1} is malformed`);
      const [, sha256 = '', path = ''] = m;
      if (!isSafeBundlePath(path))
        return errors.push(`SHA256SUMS line ${i + 1} has an unsafe path`);
      if (path === ROOT_FILES.sums || path === ROOT_FILES.signature) {
        return errors.push(`SHA256SUMS line ${i + 1} lists ${path}, which it must not`);
      }
      if (seen.has(path)) return errors.push(`SHA256SUMS lists ${path} twice`);
      seen.add(path);
      lines.push({ sha256, path });
    });
  return { lines, errors };
}
