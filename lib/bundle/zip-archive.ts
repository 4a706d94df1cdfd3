// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * A deliberately small, strict ZIP central-directory parser. We do not use @zip.js/zip.js here
 * because the verifier must refuse things zip.js accepts silently or does not expose: a local
 * header whose name differs from the central directory, overlapping entries, symlinks recorded in
 * Unix attributes, and an entry that inflates past its declared size (enforced while streaming in
 * zip-entry.ts). Bundles v1 never use ZIP64, multi-disk or encryption, so all of those are refused.
 */
import { ArchiveError } from './errors';
import { unsafeNameReason } from './paths';

/** A random-access byte source: `Blob.slice` in a page, a `FileHandle` in Node. */
export interface ByteSource {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** Sanity limits a bundle must stay within; anything past them is refused as unreadable. */
export interface ArchiveLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Largest allowed uncompressed/compressed ratio for entries bigger than `ratioMinBytes`. */
  maxRatio: number;
  ratioMinBytes: number;
}

export const DEFAULT_LIMITS: ArchiveLimits = {
  maxEntries: 20_000,
  maxEntryBytes: 2 ** 30,
  maxTotalBytes: 3 * 2 ** 30,
  maxRatio: 200,
  ratioMinBytes: 2 ** 20,
};

export interface ZipEntry {
  name: string;
  isDirectory: boolean;
  method: 0 | 8;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipArchive {
  entries: ZipEntry[];
  centralDirectoryOffset: number;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const CENTRAL_SIG = 0x02014b50;
const MAX_COMMENT = 0xffff;

function fail(message: string): never {
  throw new ArchiveError(message);
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Decodes a member name, refusing anything outside printable ASCII (v1 names are ASCII). */
export function decodeName(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) {
    if (b < 0x20 || b > 0x7e)
      fail(`an entry name contains a non-ASCII or control byte (0x${b.toString(16)})`);
    s += String.fromCharCode(b);
  }
  return s;
}

async function findEndOfCentralDirectory(
  source: ByteSource,
): Promise<{ offset: number; rec: DataView }> {
  if (source.size < 22) fail('not a ZIP archive (too short)');
  const tailLength = Math.min(source.size, 22 + MAX_COMMENT);
  const tail = await source.read(source.size - tailLength, tailLength);
  const dv = view(tail);
  for (let i = tail.length - 22; i >= 0; i--) {
    if (dv.getUint32(i, true) !== EOCD_SIG) continue;
    if (i + 22 + dv.getUint16(i + 20, true) !== tail.length) continue;
    const offset = source.size - tailLength + i;
    if (i >= 20 && dv.getUint32(i - 20, true) === ZIP64_LOCATOR_SIG)
      fail('ZIP64 archives are not used by bundle format v1');
    return { offset, rec: new DataView(tail.buffer, tail.byteOffset + i, 22) };
  }
  return fail('not a ZIP archive (no end-of-central-directory record)');
}

function checkAttributes(name: string, madeBy: number, external: number): void {
  // Unix "version made by" keeps the st_mode in the high 16 bits of the external attributes.
  if (madeBy >> 8 !== 3) return;
  const type = (external >>> 16) & 0o170000;
  if (type === 0o120000) fail(`"${name}" is a symbolic link`);
  if (type !== 0 && type !== 0o100000 && type !== 0o040000)
    fail(`"${name}" is not a regular file or folder`);
}

function checkNames(entries: ZipEntry[]): void {
  const seen = new Map<string, string>();
  const files = new Set<string>();
  for (const e of entries) {
    const key = (e.isDirectory ? e.name.slice(0, -1) : e.name).toLowerCase();
    const prior = seen.get(key);
    if (prior !== undefined) {
      fail(
        prior === e.name
          ? `duplicate entry name "${e.name}"`
          : `entry names "${prior}" and "${e.name}" collide`,
      );
    }
    seen.set(key, e.name);
    if (!e.isDirectory) files.add(key);
  }
  for (const key of seen.keys()) {
    const parts = key.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      if (files.has(parent)) fail(`"${parent}" is both a file and a folder`);
    }
  }
}

function checkSizes(e: ZipEntry, limits: ArchiveLimits): void {
  if (e.size > limits.maxEntryBytes)
    fail(`"${e.name}" declares ${e.size} bytes, past the limit of ${limits.maxEntryBytes}`);
  if (e.method === 0 && e.compressedSize !== e.size)
    fail(`"${e.name}" is stored but its two sizes differ`);
  if (e.isDirectory && e.size !== 0) fail(`folder entry "${e.name}" has content`);
  const ratio = e.size / Math.max(1, e.compressedSize);
  if (e.size > limits.ratioMinBytes && ratio > limits.maxRatio) {
    fail(`"${e.name}" has a suspicious compression ratio (${Math.round(ratio)}:1, zip bomb?)`);
  }
}

/**
 * Reads and checks the central directory of a bundle. Throws ArchiveError naming the first
 * reason the archive is unsafe or unreadable; entries are returned in central-directory order.
 */
export async function readArchive(
  source: ByteSource,
  limits: ArchiveLimits = DEFAULT_LIMITS,
): Promise<ZipArchive> {
  const { offset: eocd, rec } = await findEndOfCentralDirectory(source);
  if (rec.getUint16(4, true) !== 0 || rec.getUint16(6, true) !== 0)
    fail('multi-disk archives are not supported');
  const count = rec.getUint16(10, true);
  if (rec.getUint16(8, true) !== count)
    fail('inconsistent entry counts in the end-of-central-directory record');
  const cdSize = rec.getUint32(12, true);
  const cdOffset = rec.getUint32(16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
    fail('ZIP64 archives are not used by bundle format v1');
  if (count > limits.maxEntries) fail(`too many entries (${count}, limit ${limits.maxEntries})`);
  if (cdOffset + cdSize !== eocd) fail('the central directory is not where the archive says it is');
  const cd = await source.read(cdOffset, cdSize);
  if (cd.length !== cdSize) fail('short read in the central directory');
  const dv = view(cd);
  const entries: ZipEntry[] = [];
  let total = 0;
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || dv.getUint32(p, true) !== CENTRAL_SIG)
      fail(`central directory entry ${i} is malformed`);
    const nameLength = dv.getUint16(p + 28, true);
    const next = p + 46 + nameLength + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
    if (next > cd.length) fail(`central directory entry ${i} runs past the directory`);
    const name = decodeName(cd.subarray(p + 46, p + 46 + nameLength));
    const reason = unsafeNameReason(name);
    if (reason) fail(`unsafe entry name "${name}": ${reason}`);
    const flags = dv.getUint16(p + 8, true);
    if (flags & 0x41) fail(`"${name}" is encrypted`);
    const method = dv.getUint16(p + 10, true);
    if (method !== 0 && method !== 8)
      fail(`"${name}" uses unsupported compression method ${method}`);
    if (dv.getUint16(p + 34, true) !== 0) fail(`"${name}" starts on another disk`);
    checkAttributes(name, dv.getUint16(p + 4, true), dv.getUint32(p + 38, true));
    const entry: ZipEntry = {
      name,
      isDirectory: name.endsWith('/'),
      method,
      compressedSize: dv.getUint32(p + 20, true),
      size: dv.getUint32(p + 24, true),
      localOffset: dv.getUint32(p + 42, true),
    };
    if (
      entry.size === 0xffffffff ||
      entry.compressedSize === 0xffffffff ||
      entry.localOffset === 0xffffffff
    ) {
      fail('ZIP64 archives are not used by bundle format v1');
    }
    checkSizes(entry, limits);
    total += entry.size;
    if (total > limits.maxTotalBytes)
      fail(`the archive expands past ${limits.maxTotalBytes} bytes`);
    if (entry.localOffset + entry.compressedSize > cdOffset)
      fail(`"${name}" lies outside the archive data`);
    entries.push(entry);
    p = next;
  }
  if (p !== cd.length) fail('trailing bytes in the central directory');
  checkNames(entries);
  return { entries, centralDirectoryOffset: cdOffset };
}
