// SPDX-License-Identifier: AGPL-3.0-or-later
import { argon2id } from 'hash-wasm';
import { fromBase64, toBase64, utf8Encode } from './bytes';
import { KdfDowngradeError } from './errors';
import { randomBytes } from './random';

export interface KdfParams {
  algorithm: 'argon2id';
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  /** Standard base64. */
  salt: string;
}

/**
 * The weakest parameters a vault header may carry. A header below this is refused rather
 * than used, so whoever can write to the profile cannot make the passphrase cheap to guess.
 */
export const KDF_FLOOR = Object.freeze({ memoryKiB: 65536, iterations: 3, parallelism: 1 });

const MIN_SALT_BYTES = 16;
// Upper bounds keep a hostile header from making unlock hang or exhaust memory.
const MAX_MEMORY_KIB = 4 * 1024 * 1024;
const MAX_ITERATIONS = 64;
const MAX_PARALLELISM = 16;

/** Floor parameters with a fresh 16-byte salt. */
export function defaultKdfParams(): KdfParams {
  return { algorithm: 'argon2id', ...KDF_FLOOR, salt: toBase64(randomBytes(MIN_SALT_BYTES)) };
}

/** Throws `KdfDowngradeError` unless `p` is argon2id at or above `KDF_FLOOR` with a salt of at least 16 bytes. */
export function assertKdfParams(p: unknown): asserts p is KdfParams {
  if (typeof p !== 'object' || p === null) throw new KdfDowngradeError('not an object');
  const q = p as Record<string, unknown>;
  if (q.algorithm !== 'argon2id')
    throw new KdfDowngradeError(`algorithm ${String(q.algorithm)} is not argon2id`);
  const int = (name: string, min: number, max: number): void => {
    const v = q[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw new KdfDowngradeError(`${name} ${String(v)} outside ${min}..${max}`);
    }
  };
  int('memoryKiB', KDF_FLOOR.memoryKiB, MAX_MEMORY_KIB);
  int('iterations', KDF_FLOOR.iterations, MAX_ITERATIONS);
  int('parallelism', KDF_FLOOR.parallelism, MAX_PARALLELISM);
  let salt: Uint8Array;
  try {
    salt = fromBase64(typeof q.salt === 'string' ? q.salt : '');
  } catch {
    throw new KdfDowngradeError('salt is not base64');
  }
  if (salt.length < MIN_SALT_BYTES)
    throw new KdfDowngradeError(`salt is ${salt.length} bytes, need ${MIN_SALT_BYTES}`);
}

/**
 * Raw 32-byte Argon2id (v1.3) output. No floor check: exported for the known-answer test only;
 * everything else goes through `deriveKek`.
 */
export async function argon2idRaw(
  password: Uint8Array,
  salt: Uint8Array,
  cost: { memoryKiB: number; iterations: number; parallelism: number },
): Promise<Uint8Array<ArrayBuffer>> {
  const out = await argon2id({
    password,
    salt,
    memorySize: cost.memoryKiB,
    iterations: cost.iterations,
    parallelism: cost.parallelism,
    hashLength: 32,
    outputType: 'binary',
  });
  return new Uint8Array(out);
}

/**
 * Key-encryption key from a passphrase: checks the floor first, then Argon2id, imported as a
 * non-extractable AES-GCM-256 key. The passphrase is NFC-normalised so the same words typed on
 * another keyboard layout or OS derive the same key.
 */
export async function deriveKek(passphrase: string, params: KdfParams): Promise<CryptoKey> {
  assertKdfParams(params);
  const raw = await argon2idRaw(
    utf8Encode(passphrase.normalize('NFC')),
    fromBase64(params.salt),
    params,
  );
  try {
    return await crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, [
      'encrypt',
      'decrypt',
    ]);
  } finally {
    raw.fill(0);
  }
}
