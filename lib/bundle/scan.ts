// SPDX-License-Identifier: AGPL-3.0-or-later
import { COLLECTOR_FILES, COLLECTOR_PATH } from './collectors';
import { ArchiveError } from './errors';
import { ROOT_FILES } from './paths';
import { readArchive, type ArchiveLimits, type ByteSource } from './zip-archive';
import { streamEntry } from './zip-entry';

export interface StreamingHash {
  update(chunk: Uint8Array): void;
  digestHex(): string;
}

export type HashFactory = () => StreamingHash | Promise<StreamingHash>;

/** Every file of the archive hashed, plus the bytes of the small files the checks read. */
export interface BundleContents {
  entries: number;
  present: Map<string, { sha256: string; bytes: number }>;
  texts: Map<string, Uint8Array>;
}

const KEEP_MAX = 64 * 2 ** 20;
const ROOT = new Set<string>(Object.values(ROOT_FILES));
const COLLECTOR_KEPT = new Set<string>(Object.values(COLLECTOR_FILES));
const isKept = (path: string): boolean =>
  ROOT.has(path) ||
  /^items\/[^/]+\/(item\.json|timestamp\.tsr|timestamp-chain\.pem)$/.test(path) ||
  COLLECTOR_KEPT.has(COLLECTOR_PATH.exec(path)?.[3] ?? '');

/**
 * Reads the archive in one sequential pass (entries in file order), hashing each file as it
 * streams and keeping only the small metadata files. Throws ArchiveError on anything unsafe.
 */
export async function scanBundle(
  source: ByteSource,
  options: { createHash: HashFactory; limits: ArchiveLimits },
): Promise<BundleContents> {
  const archive = await readArchive(source, options.limits);
  const ordered = [...archive.entries].sort((a, b) => a.localOffset - b.localOffset);
  const present: BundleContents['present'] = new Map();
  const texts: BundleContents['texts'] = new Map();
  for (const [i, entry] of ordered.entries()) {
    const limit = ordered[i + 1]?.localOffset ?? archive.centralDirectoryOffset;
    if (entry.isDirectory) {
      await streamEntry(source, entry, { limit, onChunk: () => undefined });
      continue;
    }
    const keep = isKept(entry.name);
    if (keep && entry.size > KEEP_MAX)
      throw new ArchiveError(
        `"${entry.name}" is too large (${entry.size} bytes) for a bundle metadata file`,
      );
    const hash = await options.createHash();
    const kept = keep ? new Uint8Array(entry.size) : null;
    let at = 0;
    await streamEntry(source, entry, {
      limit,
      onChunk: (chunk) => {
        hash.update(chunk);
        kept?.set(chunk, at);
        at += chunk.length;
      },
    });
    present.set(entry.name, { sha256: hash.digestHex(), bytes: at });
    if (kept) texts.set(entry.name, kept);
  }
  return { entries: archive.entries.length, present, texts };
}
