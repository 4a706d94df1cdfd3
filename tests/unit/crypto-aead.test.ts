// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import {
  DecryptError,
  WrongPassphraseError,
  generateDataKey,
  open,
  openJson,
  seal,
  sealJson,
  sealJsonPadded,
  unwrapDataKey,
  utf8Encode,
  wrapDataKey,
  type AdContext,
  type Sealed,
} from '../../lib/crypto/index';

const AD: AdContext = { table: 'items', id: 'a1', schemaVersion: 1 };

function flip(bytes: Uint8Array, index: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy[index]! ^= 0x01;
  return copy;
}

describe('AES-GCM seal/open', () => {
  it('pads JSON to whole blocks with spaces that openJson ignores', async () => {
    const { key } = await generateDataKey();
    // JSON of 'x'.repeat(n) is n + 2 bytes: 1022 fills one 1024-byte block exactly.
    for (const [n, blocks] of [
      [0, 1],
      [1021, 1],
      [1022, 1],
      [1023, 2],
      [3000, 3],
    ] as const) {
      const value = 'x'.repeat(n);
      const size = JSON.stringify(value).length;
      const sealed = await sealJsonPadded(key, value, AD, 1024);
      expect(sealed.ct.length, `${size} bytes of JSON`).toBe(blocks * 1024 + 16);
      expect(await openJson(key, sealed, AD)).toEqual(value);
    }
    // Two values whose JSON differs by a few bytes seal to the same size.
    const a = await sealJsonPadded(key, { k: 'a'.repeat(500) }, AD, 1024);
    const b = await sealJsonPadded(key, { k: 'a'.repeat(503) }, AD, 1024);
    expect(a.ct.length).toBe(b.ct.length);
    expect((await sealJson(key, { k: 'a'.repeat(500) }, AD)).ct.length).not.toBe(
      (await sealJson(key, { k: 'a'.repeat(503) }, AD)).ct.length,
    );
    await expect(sealJsonPadded(key, {}, AD, 0)).rejects.toThrow(RangeError);
  });

  it('round trips and uses a fresh IV each time', async () => {
    const { key } = await generateDataKey();
    const msg = utf8Encode('evidence bytes');
    const a = await seal(key, msg, AD);
    const b = await seal(key, msg, AD);
    expect(a.v).toBe(1);
    expect(a.iv).toHaveLength(12);
    expect(a.ct).toHaveLength(msg.length + 16);
    expect(a.iv).not.toEqual(b.iv);
    expect(await open(key, a, AD)).toEqual(msg);
    expect(await openJson(key, await sealJson(key, { x: [1, 'é'] }, AD), AD)).toEqual({
      x: [1, 'é'],
    });
  });

  it('refuses the wrong key', async () => {
    const { key } = await generateDataKey();
    const { key: other } = await generateDataKey();
    const sealed = await seal(key, utf8Encode('x'), AD);
    await expect(open(other, sealed, AD)).rejects.toBeInstanceOf(DecryptError);
  });

  it('detects a changed ciphertext byte and a changed tag byte', async () => {
    const { key } = await generateDataKey();
    const sealed = await seal(key, utf8Encode('hello world'), AD);
    const ct = { ...sealed, ct: flip(sealed.ct, 0) };
    const tag = { ...sealed, ct: flip(sealed.ct, sealed.ct.length - 1) };
    await expect(open(key, ct, AD)).rejects.toBeInstanceOf(DecryptError);
    await expect(open(key, tag, AD)).rejects.toBeInstanceOf(DecryptError);
  });

  it('detects a changed IV', async () => {
    const { key } = await generateDataKey();
    const sealed = await seal(key, utf8Encode('hello world'), AD);
    await expect(open(key, { ...sealed, iv: flip(sealed.iv, 5) }, AD)).rejects.toBeInstanceOf(
      DecryptError,
    );
  });

  it('a record sealed for (table, id, schema) cannot be opened as another', async () => {
    const { key } = await generateDataKey();
    const sealed = await seal(key, utf8Encode('record of a1'), AD);
    await expect(open(key, sealed, { ...AD, id: 'a2' })).rejects.toBeInstanceOf(DecryptError);
    await expect(open(key, sealed, { ...AD, table: 'secrets' })).rejects.toBeInstanceOf(
      DecryptError,
    );
    await expect(open(key, sealed, { ...AD, schemaVersion: 2 })).rejects.toBeInstanceOf(
      DecryptError,
    );
    // Control: the right context still opens it.
    expect(await open(key, sealed, AD)).toEqual(utf8Encode('record of a1'));
  });

  it('refuses something that is not a sealed record', async () => {
    const { key } = await generateDataKey();
    const fake = { v: 1, iv: new Uint8Array(4), ct: new Uint8Array(20) } as unknown as Sealed;
    await expect(open(key, fake, AD)).rejects.toBeInstanceOf(DecryptError);
  });
});

describe('data key wrapping', () => {
  it('unwraps with the right KEK and reports WrongPassphraseError otherwise', async () => {
    // Plain AES keys stand in for KEKs here; the Argon2id path is covered in crypto-kdf.test.ts.
    const { key: kek } = await generateDataKey();
    const { key: wrongKek } = await generateDataKey();
    const { raw } = await generateDataKey();
    const wrapped = await wrapDataKey(kek, raw);
    expect(await unwrapDataKey(kek, wrapped)).toEqual(raw);
    await expect(unwrapDataKey(wrongKek, wrapped)).rejects.toBeInstanceOf(WrongPassphraseError);
  });
});
