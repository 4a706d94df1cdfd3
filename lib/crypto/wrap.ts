// SPDX-License-Identifier: AGPL-3.0-or-later
import { open, seal, type AdContext, type Sealed } from './aead';
import { DecryptError, WrongPassphraseError } from './errors';

// The wrapped key is the header's own record; schema version 1 of the wrapping format.
const WRAP_AD: AdContext = { table: 'header', id: 'vault.dataKey', schemaVersion: 1 };

/** Encrypts the raw data key under the passphrase-derived key. */
export async function wrapDataKey(kek: CryptoKey, raw: Uint8Array): Promise<Sealed> {
  return seal(kek, raw, WRAP_AD);
}

/** Recovers the raw data key; throws `WrongPassphraseError` if `kek` does not open it. */
export async function unwrapDataKey(
  kek: CryptoKey,
  sealed: Sealed,
): Promise<Uint8Array<ArrayBuffer>> {
  try {
    const raw = await open(kek, sealed, WRAP_AD);
    if (raw.length !== 32) throw new DecryptError('Unwrapped key has the wrong length');
    return raw;
  } catch (e) {
    if (e instanceof DecryptError) throw new WrongPassphraseError();
    throw e;
  }
}
