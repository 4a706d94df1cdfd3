// SPDX-License-Identifier: AGPL-3.0-or-later
import { readArchive, DEFAULT_LIMITS, type ByteSource } from './zip-archive';
import { streamEntry } from './zip-entry';

/**
 * The bytes of every file of a bundle, read with the verifier's strict reader (same limits), so
 * an import stores exactly what was verified. For bundles already verified intact.
 */
export async function extractFiles(source: ByteSource): Promise<Map<string, Uint8Array>> {
  const archive = await readArchive(source, DEFAULT_LIMITS);
  const ordered = [...archive.entries].sort((a, b) => a.localOffset - b.localOffset);
  const out = new Map<string, Uint8Array>();
  for (const [i, entry] of ordered.entries()) {
    const limit = ordered[i + 1]?.localOffset ?? archive.centralDirectoryOffset;
    const data = new Uint8Array(entry.size);
    let at = 0;
    await streamEntry(source, entry, {
      limit,
      onChunk: (chunk) => {
        data.set(chunk, at);
        at += chunk.length;
      },
    });
    if (!entry.isDirectory) out.set(entry.name, data);
  }
  return out;
}
