// SPDX-License-Identifier: AGPL-3.0-or-later
import { ArchiveError } from './errors';
import { decodeName, type ByteSource, type ZipEntry } from './zip-archive';

const LOCAL_SIG = 0x04034b50;
/** Read size: large enough for OpenSSL/WebCrypto hashing to dominate, small for memory. */
export const CHUNK_BYTES = 4 * 2 ** 20;

/** Where an entry's data begins; checked against the central directory. */
async function dataStart(source: ByteSource, entry: ZipEntry): Promise<number> {
  const head = await source.read(entry.localOffset, 30);
  const dv = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (head.length !== 30 || dv.getUint32(0, true) !== LOCAL_SIG) {
    throw new ArchiveError(`"${entry.name}": no local header where the central directory points`);
  }
  if (dv.getUint16(6, true) & 0x41) throw new ArchiveError(`"${entry.name}" is encrypted`);
  if (dv.getUint16(8, true) !== entry.method) {
    throw new ArchiveError(
      `"${entry.name}": local header and central directory disagree on compression`,
    );
  }
  const nameLength = dv.getUint16(26, true);
  const start = entry.localOffset + 30 + nameLength + dv.getUint16(28, true);
  const localName = decodeName(await source.read(entry.localOffset + 30, nameLength));
  if (localName !== entry.name) {
    throw new ArchiveError(
      `local header name "${localName}" differs from central directory name "${entry.name}"`,
    );
  }
  return start;
}

/** Yields [start, start+length) in chunks, reading the next chunk while the caller works. */
async function* readRange(
  source: ByteSource,
  start: number,
  length: number,
): AsyncGenerator<Uint8Array> {
  const end = start + length;
  const readAt = (pos: number): Promise<Uint8Array> => {
    const p = source.read(pos, Math.min(CHUNK_BYTES, end - pos));
    p.catch(() => undefined); // awaited below; this only stops an early exit leaving it unhandled
    return p;
  };
  let pos = start;
  let pending = pos < end ? readAt(pos) : null;
  while (pending) {
    const chunk = await pending;
    const want = Math.min(CHUNK_BYTES, end - pos);
    if (chunk.length !== want) throw new ArchiveError('short read: the archive is truncated');
    pos += chunk.length;
    pending = pos < end ? readAt(pos) : null;
    yield chunk;
  }
}

async function inflate(
  entry: ZipEntry,
  input: AsyncIterable<Uint8Array>,
  onChunk: (c: Uint8Array) => void,
): Promise<void> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const feed = (async () => {
    for await (const c of input) await writer.write(c as Uint8Array<ArrayBuffer>);
    await writer.close();
  })();
  feed.catch(() => undefined); // its error also errors the readable side, reported below
  let produced = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      produced += value.length;
      // Enforced while inflating, so a lying header cannot make us produce more than it declared.
      if (produced > entry.size) {
        throw new ArchiveError(
          `"${entry.name}" inflates past its declared ${entry.size} bytes (zip bomb?)`,
        );
      }
      onChunk(value);
    }
    await feed;
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    if (e instanceof ArchiveError) throw e;
    throw new ArchiveError(
      `"${entry.name}": corrupt compressed data (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  if (produced !== entry.size) {
    throw new ArchiveError(
      `"${entry.name}" inflates to ${produced} bytes, not the declared ${entry.size}`,
    );
  }
}

/**
 * Streams the uncompressed bytes of one entry to `onChunk`. `limit` is the offset of the next
 * entry (or of the central directory): data running past it means overlapping entries.
 */
export async function streamEntry(
  source: ByteSource,
  entry: ZipEntry,
  options: { limit: number; onChunk: (chunk: Uint8Array) => void },
): Promise<void> {
  const start = await dataStart(source, entry);
  if (start + entry.compressedSize > options.limit) {
    throw new ArchiveError(`"${entry.name}" overlaps the next entry or the central directory`);
  }
  const input = readRange(source, start, entry.compressedSize);
  if (entry.method === 8) return inflate(entry, input, options.onChunk);
  for await (const chunk of input) options.onChunk(chunk);
}
