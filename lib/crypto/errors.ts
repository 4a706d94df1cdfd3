// SPDX-License-Identifier: AGPL-3.0-or-later

/** Authenticated decryption failed: wrong key, tampered bytes, or a record moved to another place. */
export class DecryptError extends Error {
  readonly code = 'decrypt-failed';
  constructor(message = 'Decryption failed: wrong key, or the record was altered or moved') {
    super(message);
    this.name = 'DecryptError';
  }
}

/** The passphrase did not unwrap the vault key. */
export class WrongPassphraseError extends Error {
  readonly code = 'wrong-passphrase';
  constructor(message = 'Wrong passphrase') {
    super(message);
    this.name = 'WrongPassphraseError';
  }
}

/** KDF parameters are weaker than the enforced floor (or malformed): refused, never used. */
export class KdfDowngradeError extends Error {
  readonly code = 'kdf-downgrade';
  constructor(message: string) {
    super(`Key derivation parameters refused: ${message}`);
    this.name = 'KdfDowngradeError';
  }
}
