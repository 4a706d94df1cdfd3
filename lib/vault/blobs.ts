// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EvidenceFile, StoredFileRef } from '../model/item';
import { concatBytes, open, randomId, seal, sha256Hex } from '../crypto/index';
import { adFor, type VaultContext } from './context';
import { VaultCorruptError } from './errors';
import type { ChunkRow } from './schema';

/** Plaintext bytes per chunk: small enough for one IndexedDB put, large enough to keep row counts low. */
export const CHUNK_BYTES = 1024 * 1024;

function chunkId(blobId: string, n: number): string {
  return `${blobId}.${n}`;
}

/** A file's bytes sealed into chunk rows under a fresh blob id, not yet tied to an item. */
export interface SealedChunks {
  blobId: string;
  chunks: number;
  rows: ChunkRow[];
}

/**
 * Seals bytes into chunk rows under a fresh blob id. An empty file still gets one (empty) chunk
 * so that "all chunks deleted" is distinguishable from "no content".
 */
export async function sealChunks(key: CryptoKey, bytes: Uint8Array): Promise<SealedChunks> {
  const blobId = randomId();
  const count = Math.max(1, Math.ceil(bytes.length / CHUNK_BYTES));
  const rows: ChunkRow[] = [];
  for (let n = 0; n < count; n++) {
    const id = chunkId(blobId, n);
    const slice = bytes.subarray(n * CHUNK_BYTES, (n + 1) * CHUNK_BYTES);
    rows.push({ id, blobId, n, sealed: await seal(key, slice, adFor('chunks', id)) });
  }
  return { blobId, chunks: count, rows };
}

/** Seals a file into chunk rows; its reference names the blob and the file's declared entry. */
export async function sealBlob(
  key: CryptoKey,
  entry: EvidenceFile,
  bytes: Uint8Array,
): Promise<{ ref: StoredFileRef; rows: ChunkRow[] }> {
  const { blobId, chunks, rows } = await sealChunks(key, bytes);
  return { ref: { ...entry, blobId, chunks }, rows };
}

/** Reads, decrypts and re-checks a stored file; any missing chunk or hash mismatch is `VaultCorruptError`. */
export async function readBlob(
  ctx: VaultContext,
  key: CryptoKey,
  ref: StoredFileRef,
): Promise<Uint8Array> {
  const ids = Array.from({ length: ref.chunks }, (_, n) => chunkId(ref.blobId, n));
  const rows = await ctx.db.chunks.bulkGet(ids);
  const parts: Uint8Array[] = [];
  for (const [n, row] of rows.entries()) {
    if (!row) throw new VaultCorruptError(`${ref.path}: chunk ${n} of ${ref.chunks} is missing`);
    parts.push(await open(key, row.sealed, adFor('chunks', chunkId(ref.blobId, n))));
  }
  const bytes = concatBytes(parts);
  if (bytes.length !== ref.bytes) {
    throw new VaultCorruptError(`${ref.path}: ${bytes.length} bytes stored, ${ref.bytes} recorded`);
  }
  const actual = await sha256Hex(bytes);
  if (actual !== ref.sha256)
    throw new VaultCorruptError(`${ref.path}: SHA-256 ${actual}, recorded ${ref.sha256}`);
  return bytes;
}
