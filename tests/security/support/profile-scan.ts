// SPDX-License-Identifier: AGPL-3.0-or-later
// Searches every file of a browser profile for markers, in the encodings a careless store would
// leave them in: UTF-8, UTF-16LE, hex (both cases) and base64 at the three byte alignments.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ldbBlocks } from './leveldb-blocks';
import { snappyStreams } from './snappy';

/**
 * A random marker with no prefix shared with other markers: LevelDB's Snappy blocks copy repeated
 * substrings by reference, so markers that shared a prefix would not stay literal on disk.
 */
export function newMarker(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz';
  return Array.from(randomBytes(28), (b) => alphabet[b % 26]).join('');
}

interface Needle {
  encoding: string;
  bytes: Buffer;
}

function base64Cores(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let k = 0; k < 3; k++) {
    // Only the characters that depend on the marker alone, whatever precedes it in the stream.
    const b64 = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64');
    out.push(b64.slice(Math.ceil((8 * k) / 6), Math.floor((8 * (k + bytes.length)) / 6)));
  }
  return out;
}

function needles(marker: string): Needle[] {
  const u8 = Buffer.from(marker, 'utf8');
  const u16 = Buffer.from(marker, 'utf16le');
  return [
    { encoding: 'utf-8', bytes: u8 },
    { encoding: 'utf-16le', bytes: u16 },
    { encoding: 'hex', bytes: Buffer.from(u8.toString('hex')) },
    { encoding: 'HEX', bytes: Buffer.from(u8.toString('hex').toUpperCase()) },
    ...base64Cores(u8).map((s, k) => ({ encoding: `base64+${k}`, bytes: Buffer.from(s) })),
  ];
}

export interface Hit {
  marker: string;
  file: string;
  encoding: string;
}

/**
 * What a file holds once its compressed parts are expanded, or null when it has none we know of:
 * Chromium's LevelDB tables (.ldb, Snappy per block) and Firefox's IndexedDB files (under an `idb`
 * folder: each value Snappy-compressed inside SQLite pages, the write-ahead log or freed cells).
 */
function expanded(path: string, raw: Buffer): Buffer | null {
  if (path.endsWith('.ldb')) return Buffer.concat(ldbBlocks(raw));
  if (/[\\/]idb[\\/]/.test(path)) return Buffer.concat(snappyStreams(raw));
  return null;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) return [];
    return st.isDirectory() ? walk(path) : st.isFile() ? [path] : [];
  });
}

/** Every (marker, file, encoding) found under `root`, with paths relative to it, and the count of files read. */
export function scanTree(root: string, markers: readonly string[]): { files: number; hits: Hit[] } {
  const all = markers.map((m) => ({ marker: m, needles: needles(m) }));
  const files = walk(root);
  const hits: Hit[] = [];
  for (const path of files) {
    const raw = readFileSync(path);
    const file = relative(root, path);
    const inflated = expanded(path, raw);
    for (const { marker, needles: ns } of all)
      for (const n of ns) {
        if (raw.includes(n.bytes)) hits.push({ marker, file, encoding: n.encoding });
        else if (inflated?.includes(n.bytes))
          hits.push({ marker, file, encoding: `${n.encoding}, Snappy-compressed` });
      }
  }
  return { files: files.length, hits };
}

/** Total size of the files under `root` whose path contains `part`: proof the store is in use. */
export function bytesUnder(root: string, part: string): number {
  return walk(root)
    .filter((path) => relative(root, path).includes(part))
    .reduce((sum, path) => sum + statSync(path).size, 0);
}

/**
 * Files under `root` holding any of `needles` as raw bytes (in the file or in its Snappy-compressed
 * parts, see `expanded`): for binary secrets such as a wrapped key, which have no text encoding.
 */
export function findBytes(root: string, needles: readonly Buffer[]): string[] {
  return walk(root).filter((path) => {
    const raw = readFileSync(path);
    if (needles.some((n) => raw.includes(n))) return true;
    const inflated = expanded(path, raw);
    return needles.some((n) => inflated?.includes(n));
  });
}

/** Where Chromium keeps what an extension stores: paths named by its id, plus its state folder. */
export const chromiumExtensionOwned = (file: string, id: string): boolean =>
  file.includes(id) || file.startsWith('Default/Extension State/');
