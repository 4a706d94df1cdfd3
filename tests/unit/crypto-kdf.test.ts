// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { argon2idRaw } from '../../lib/crypto/kdf';
import {
  KDF_FLOOR,
  KdfDowngradeError,
  assertKdfParams,
  defaultKdfParams,
  deriveKek,
  fromBase64,
  importDataKey,
  open,
  seal,
  toBase64,
  toHex,
  utf8Encode,
  type KdfParams,
} from '../../lib/crypto/index';

/*
 * Known answers from the Argon2 reference implementation's own test suite:
 * P-H-C/phc-winner-argon2, src/test.c at f57e61e19229e23c4445b85494dbf7c07de721cb,
 * "Test Argon2id version number: 13" (v=19), password "password", salt "somesalt", 32-byte tag.
 * RFC 9106's vector needs associated data, which hash-wasm does not expose.
 */
const REFERENCE_VECTORS = [
  {
    t: 2,
    m: 1 << 8,
    p: 1,
    tag: '9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe',
  },
  {
    t: 2,
    m: 1 << 8,
    p: 2,
    tag: '6d093c501fd5999645e0ea3bf620d7b8be7fd2db59c20d9fff9539da2bf57037',
  },
  {
    t: 2,
    m: 1 << 16,
    p: 1,
    tag: '09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7',
  },
];

describe('Argon2id known answers (reference implementation vectors)', () => {
  for (const v of REFERENCE_VECTORS) {
    it(`t=${v.t} m=${v.m} KiB p=${v.p}`, async () => {
      const tag = await argon2idRaw(utf8Encode('password'), utf8Encode('somesalt'), {
        memoryKiB: v.m,
        iterations: v.t,
        parallelism: v.p,
      });
      expect(toHex(tag)).toBe(v.tag);
    });
  }
});

describe('KDF floor', () => {
  const good = (): KdfParams => defaultKdfParams();

  it('defaults are at the floor with a fresh 16-byte salt', () => {
    const a = good();
    expect(a).toMatchObject({ algorithm: 'argon2id', ...KDF_FLOOR });
    expect(fromBase64(a.salt)).toHaveLength(16);
    expect(good().salt).not.toBe(a.salt);
    expect(() => assertKdfParams(a)).not.toThrow();
  });

  it.each([
    ['memory below 64 MiB', { memoryKiB: KDF_FLOOR.memoryKiB - 1 }],
    ['iterations below 3', { iterations: 2 }],
    ['parallelism 0', { parallelism: 0 }],
    ['non-integer iterations', { iterations: 3.5 }],
    ['argon2i', { algorithm: 'argon2i' }],
    ['pbkdf2', { algorithm: 'pbkdf2' }],
    ['15-byte salt', { salt: toBase64(new Uint8Array(15)) }],
    ['empty salt', { salt: '' }],
    ['salt not base64', { salt: '***' }],
    ['absurd memory (hang/DoS)', { memoryKiB: 1 << 30 }],
  ])('refuses %s with KdfDowngradeError', async (_label, patch) => {
    const params = { ...good(), ...patch } as KdfParams;
    expect(() => assertKdfParams(params)).toThrow(KdfDowngradeError);
    // deriveKek checks before spending any time on Argon2.
    await expect(deriveKek('a passphrase', params)).rejects.toBeInstanceOf(KdfDowngradeError);
  });

  it('deriveKek is Argon2id over the NFC passphrase with the given params', async () => {
    const params = good();
    const composed = 'mot de passe café ٣';
    const kek = await deriveKek(composed, params);
    const sealed = await seal(kek, utf8Encode('data key'), {
      table: 't',
      id: 'i',
      schemaVersion: 1,
    });
    // Same derivation done by hand: the raw Argon2id tag imported as an AES key opens it.
    const raw = await argon2idRaw(
      utf8Encode(composed.normalize('NFC')),
      fromBase64(params.salt),
      params,
    );
    const byHand = await importDataKey(raw);
    expect(await open(byHand, sealed, { table: 't', id: 'i', schemaVersion: 1 })).toEqual(
      utf8Encode('data key'),
    );
    // The decomposed spelling of the same passphrase derives the same key.
    const kekNfd = await deriveKek(composed.normalize('NFD'), params);
    expect(await open(kekNfd, sealed, { table: 't', id: 'i', schemaVersion: 1 })).toEqual(
      utf8Encode('data key'),
    );
  });
});
