// SPDX-License-Identifier: AGPL-3.0-or-later
// The residue and canary scans read browser profiles byte by byte. Firefox Snappy-compresses each
// IndexedDB value before it writes it into SQLite, and Snappy may turn part of a marker into a
// back-reference, so a scan of the raw bytes can miss a marker that is there. These tests use a
// value Firefox ESR 153 wrote: the object { note: "stajgdrk…", bytes: TextEncoder("lrffbsmn…") },
// read from its `object_data.data` column. The last letter of the bytes marker and the zero
// padding after it were written as a back-reference.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findBytes, scanTree } from '../security/support/profile-scan';
import { snappyDecompress, snappyStreams } from '../security/support/snappy';

const FIREFOX_VALUE = Buffer.from(
  'A801040300010104F1FF01063C0800FFFF040000800400FFFF6E6F74650114001C0D106C7374616A6764726B62' +
    '70786E666C727A6D6C6D677A72797763616C70012800050D28446279746573000000010000002000FFFF1C0019' +
    '01001F1D10686C72666662736D6E6C6B6472786B7A71686F6771717169666B757005502E01000C1300FFFF',
  'hex',
);
const NOTE = 'stajgdrkbpxnflrzmlmgzrywcalp';
const BYTES = 'lrffbsmnlkdrxkzqhogqqqifkupp';

/** Deterministic bytes that are not a Snappy stream's worth of anything (xorshift32). */
function noise(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('profile scans see through Snappy', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('the Firefox value hides the bytes marker from a raw search', () => {
    expect(FIREFOX_VALUE.includes(Buffer.from(NOTE))).toBe(true);
    expect(FIREFOX_VALUE.includes(Buffer.from(BYTES))).toBe(false);
    expect(FIREFOX_VALUE.includes(Buffer.from(BYTES.slice(0, -1)))).toBe(true);
  });

  it('decompresses the value whole, and refuses a cut one', () => {
    const value = snappyDecompress(FIREFOX_VALUE);
    expect(value.length).toBe(0xa8);
    expect(value.includes(Buffer.from(NOTE))).toBe(true);
    expect(value.includes(Buffer.from(BYTES))).toBe(true);
    expect(() => snappyDecompress(FIREFOX_VALUE.subarray(0, -3))).toThrow(/not a raw Snappy/);
  });

  it('finds the value among other bytes, at any offset, as a SQLite page holds it', () => {
    for (const before of [0, 1, 7, 4093]) {
      const page = Buffer.concat([noise(before, 7 + before), FIREFOX_VALUE, noise(2048, 99)]);
      const streams = snappyStreams(page);
      expect(streams.some((s) => s.includes(Buffer.from(BYTES)))).toBe(true);
    }
    expect(snappyStreams(noise(1 << 16, 12345)).some((s) => s.includes(Buffer.from(BYTES)))).toBe(
      false,
    );
  });

  it('findBytes and scanTree expand files in an idb folder, and only there', () => {
    const root = mkdtempSync(join(tmpdir(), 'attest-snappy-scan-'));
    dirs.push(root);
    const file = Buffer.concat([noise(1000, 3), FIREFOX_VALUE, noise(1000, 5)]);
    mkdirSync(join(root, 'storage/default/moz-extension+++x/idb'), { recursive: true });
    mkdirSync(join(root, 'other'));
    writeFileSync(join(root, 'storage/default/moz-extension+++x/idb/1.sqlite'), file);
    writeFileSync(join(root, 'other/1.sqlite'), file);

    const withBytes = findBytes(root, [Buffer.from(BYTES)]).map((f) => f.slice(root.length + 1));
    expect(withBytes).toEqual(['storage/default/moz-extension+++x/idb/1.sqlite']);
    const { hits } = scanTree(root, [BYTES]);
    expect(hits).toEqual([
      {
        marker: BYTES,
        file: 'storage/default/moz-extension+++x/idb/1.sqlite',
        encoding: 'utf-8, Snappy-compressed',
      },
    ]);
  });
});
