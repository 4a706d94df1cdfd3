// SPDX-License-Identifier: AGPL-3.0-or-later
// Chromium keeps IndexedDB and extension storage in LevelDB. Fresh writes sit in the .log file as
// they were written, but once compacted into .ldb tables they are Snappy-compressed per block,
// and Snappy replaces repeated substrings with back-references: a clear-text marker could be
// split and missed. This expands every block of an .ldb table so the scan sees the real bytes.
import { snappyDecompress } from './snappy';

function varint(buf: Buffer, at: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (let i = at; i < buf.length; i++) {
    const b = buf[i]!;
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [result, i + 1];
    shift += 7;
  }
  throw new Error('truncated varint');
}

function readBlock(file: Buffer, offset: number, size: number): Buffer {
  const raw = file.subarray(offset, offset + size);
  return file[offset + size] === 1 ? snappyDecompress(raw) : raw;
}

/** The block handles listed in an index block (entry values are varint offset + size). */
function indexHandles(block: Buffer): Array<[number, number]> {
  const restarts = block.readUInt32LE(block.length - 4);
  const end = block.length - 4 - 4 * restarts;
  const handles: Array<[number, number]> = [];
  let at = 0;
  while (at < end) {
    const [, a] = varint(block, at);
    const [nonShared, b] = varint(block, a);
    const [valueLength, c] = varint(block, b);
    const value = c + nonShared;
    const [off, d] = varint(block, value);
    const [size] = varint(block, d);
    handles.push([off, size]);
    at = value + valueLength;
  }
  return handles;
}

/** Every data block of a LevelDB table file, decompressed; [] if the file is not a table. */
export function ldbBlocks(file: Buffer): Buffer[] {
  if (file.length < 48 || file.readBigUInt64LE(file.length - 8) !== 0xdb4775248b80fb57n) return [];
  const footer = file.subarray(file.length - 48);
  const [, a] = varint(footer, 0);
  const [, b] = varint(footer, a);
  const [indexOffset, c] = varint(footer, b);
  const [indexSize] = varint(footer, c);
  return indexHandles(readBlock(file, indexOffset, indexSize)).map(([off, size]) =>
    readBlock(file, off, size),
  );
}
