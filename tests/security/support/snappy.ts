// SPDX-License-Identifier: AGPL-3.0-or-later
// Raw Snappy (https://github.com/google/snappy/blob/main/format_description.txt), decoded for the
// profile scans. Chromium's LevelDB tables compress each block with it, and Firefox compresses
// every IndexedDB value with it before writing the value into SQLite. Snappy replaces any run of 4
// or more bytes seen earlier in the value with a back-reference, so a marker can leave the file
// split: in Firefox the last letter of a string followed by its zero padding is often copied from
// an earlier "x\0\0\0". A scan that only reads the raw bytes would then miss what is there.

function varint(buf: Buffer, at: number): [number, number] {
  let result = 0;
  for (let i = at, shift = 0; i < buf.length && shift <= 28; i++, shift += 7) {
    const b = buf[i]!;
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [result, i + 1];
  }
  return [-1, at];
}

/**
 * Walks the stream whose elements start at `at` until `length` bytes are produced, writing them
 * into `out` when given. Returns where the stream ends and how many back-references it used, or
 * null when the bytes there cannot be such a stream (a literal or reference running past the
 * input, a reference to before the start, more output than declared).
 */
function walk(
  input: Buffer,
  at: number,
  length: number,
  out?: Buffer,
): { end: number; copies: number } | null {
  let o = 0;
  let i = at;
  let copies = 0;
  while (o < length) {
    if (i >= input.length) return null;
    const tag = input[i++]!;
    let len = (tag >> 2) + 1;
    let offset: number;
    switch (tag & 3) {
      case 0: {
        if (len > 60) {
          const bytes = len - 60;
          if (i + bytes > input.length) return null;
          len = input.readUIntLE(i, bytes) + 1;
          i += bytes;
        }
        if (i + len > input.length || o + len > length) return null;
        out?.set(input.subarray(i, i + len), o);
        o += len;
        i += len;
        continue;
      }
      case 1:
        if (i + 1 > input.length) return null;
        len = ((tag >> 2) & 7) + 4;
        offset = ((tag >> 5) << 8) | input[i]!;
        i += 1;
        break;
      case 2:
        if (i + 2 > input.length) return null;
        offset = input.readUInt16LE(i);
        i += 2;
        break;
      default:
        if (i + 4 > input.length) return null;
        offset = input.readUInt32LE(i);
        i += 4;
    }
    if (offset === 0 || offset > o || o + len > length) return null;
    // A reference may overlap its own output (run-length style), so copy byte by byte.
    if (out) for (let k = 0; k < len; k++) out[o + k] = out[o + k - offset]!;
    o += len;
    copies++;
  }
  return { end: i, copies };
}

/** Decompresses one raw Snappy block that fills `input` exactly; throws if it is not one. */
export function snappyDecompress(input: Buffer): Buffer {
  const [length, start] = varint(input, 0);
  const shape = length < 0 ? null : walk(input, start, length);
  if (!shape || shape.end !== input.length) throw new Error('not a raw Snappy block');
  const out = Buffer.alloc(length);
  walk(input, start, length, out);
  return out;
}

/**
 * Every raw Snappy stream that can be decoded from some offset of `file`, expanded: for files that
 * hold compressed values at places only the database knows (a SQLite page, a freed cell, a
 * write-ahead log frame). Only streams that use a back-reference are returned (in an all-literal
 * stream every byte is already in the file as it is) and only those of at least `minLength` bytes;
 * the rest of what a random offset "decodes" to is noise a long random marker cannot match.
 */
export function snappyStreams(file: Buffer, minLength = 16): Buffer[] {
  const found: Buffer[] = [];
  for (let at = 0; at < file.length - 2; at++) {
    // The first element of a stream is a literal: nothing has been produced to refer to.
    const [length, start] = varint(file, at);
    if (length < minLength || start >= file.length || (file[start]! & 3) !== 0) continue;
    // A reference of 3 bytes yields at most 64 (about 21×): a longer claim cannot fit in the file.
    if (length > (file.length - start) * 32) continue;
    const shape = walk(file, start, length);
    if (!shape || shape.copies === 0) continue;
    const out = Buffer.alloc(length);
    walk(file, start, length, out);
    found.push(out);
  }
  return found;
}
