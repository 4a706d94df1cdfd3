// SPDX-License-Identifier: AGPL-3.0-or-later
import { utf8Decode, utf8Encode, ownBuffer } from './bytes';
import { DecryptError } from './errors';
import { randomBytes } from './random';

declare const sealedBrand: unique symbol;

/**
 * AES-256-GCM ciphertext with its IV, stored as-is in IndexedDB (structured clone).
 * The brand keeps plaintext bytes from being passed where ciphertext is expected.
 */
export type Sealed = { v: 1; iv: Uint8Array; ct: Uint8Array } & { readonly [sealedBrand]: true };

/** Where a sealed record lives; bound into the GCM additional data so it cannot be moved or swapped. */
export interface AdContext {
  table: string;
  id: string;
  schemaVersion: number;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

function additionalData(ad: AdContext): Uint8Array<ArrayBuffer> {
  return utf8Encode(`attest|v1|${ad.table}|${ad.id}|${ad.schemaVersion}`);
}

/** Encrypts with a fresh 96-bit IV, binding the ciphertext to `ad`. */
export async function seal(key: CryptoKey, plaintext: Uint8Array, ad: AdContext): Promise<Sealed> {
  const iv = randomBytes(IV_BYTES);
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData(ad), tagLength: TAG_BYTES * 8 },
    key,
    ownBuffer(plaintext),
  );
  return { v: 1, iv, ct: new Uint8Array(ct) } as Sealed;
}

/** Decrypts and authenticates; throws `DecryptError` on a wrong key, any altered byte or a different `ad`. */
export async function open(
  key: CryptoKey,
  sealed: Sealed,
  ad: AdContext,
): Promise<Uint8Array<ArrayBuffer>> {
  const s: unknown = sealed;
  if (!isSealed(s)) throw new DecryptError('Not a sealed record (unknown format)');
  try {
    const pt = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: ownBuffer(s.iv),
        additionalData: additionalData(ad),
        tagLength: TAG_BYTES * 8,
      },
      key,
      ownBuffer(s.ct),
    );
    return new Uint8Array(pt);
  } catch {
    throw new DecryptError(
      `Cannot decrypt ${ad.table}/${ad.id}: wrong key, or the record was altered or moved`,
    );
  }
}

/** `seal` of the UTF-8 JSON of `value`. */
export async function sealJson(key: CryptoKey, value: unknown, ad: AdContext): Promise<Sealed> {
  return seal(key, utf8Encode(JSON.stringify(value)), ad);
}

/**
 * `sealJson`, its plaintext padded with spaces (which JSON.parse ignores, so `openJson` reads it
 * unchanged) to the next multiple of `block` bytes: its size then says nothing finer than that of
 * what it holds (a name's length, how an OpenPGP key happened to encode).
 */
export async function sealJsonPadded(
  key: CryptoKey,
  value: unknown,
  ad: AdContext,
  block: number,
): Promise<Sealed> {
  if (!Number.isInteger(block) || block < 1) throw new RangeError(`Bad padding block ${block}`);
  const json = utf8Encode(JSON.stringify(value));
  const padded = new Uint8Array(Math.ceil(json.length / block) * block).fill(0x20);
  padded.set(json);
  try {
    return await seal(key, padded, ad);
  } finally {
    json.fill(0);
    padded.fill(0);
  }
}

/** `open` then JSON.parse; the caller states the type it stored. */
export async function openJson<T>(key: CryptoKey, sealed: Sealed, ad: AdContext): Promise<T> {
  const bytes = await open(key, sealed, ad);
  try {
    return JSON.parse(utf8Decode(bytes)) as T;
  } finally {
    bytes.fill(0);
  }
}

/** True for a value shaped like `Sealed` (e.g. read back from IndexedDB). */
export function isSealed(value: unknown): value is Sealed {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.v === 1 &&
    v.iv instanceof Uint8Array &&
    v.iv.length === IV_BYTES &&
    v.ct instanceof Uint8Array &&
    v.ct.length >= TAG_BYTES
  );
}

/** A fresh random AES-256 data key; `raw` is returned once so it can be wrapped and kept in session storage. */
export async function generateDataKey(): Promise<{ key: CryptoKey; raw: Uint8Array<ArrayBuffer> }> {
  const raw = randomBytes(32);
  return { key: await importDataKey(raw), raw };
}

/** Imports 32 raw bytes as a non-extractable AES-GCM key. */
export async function importDataKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== 32) throw new DecryptError(`Data key must be 32 bytes, got ${raw.length}`);
  return crypto.subtle.importKey('raw', ownBuffer(raw), { name: 'AES-GCM' }, false, [
    'encrypt',
    'decrypt',
  ]);
}
