// SPDX-License-Identifier: AGPL-3.0-or-later
// The only door to WebCrypto, openpgp and the KDF. `argon2idRaw` is deliberately not re-exported.
export {
  toHex,
  fromHex,
  toBase64,
  fromBase64,
  utf8Encode,
  utf8Decode,
  concatBytes,
  bytesEqual,
} from './bytes';
export { sha256Hex, sha256HexSync, createSha256, type StreamingHash } from './hash';
export { randomId, randomBytes } from './random';
export { KDF_FLOOR, defaultKdfParams, assertKdfParams, deriveKek, type KdfParams } from './kdf';
export {
  seal,
  open,
  sealJson,
  sealJsonPadded,
  openJson,
  isSealed,
  generateDataKey,
  importDataKey,
  type Sealed,
  type AdContext,
} from './aead';
export { wrapDataKey, unwrapDataKey } from './wrap';
export {
  KEY_SLOT_COUNT,
  arrangeSlots,
  decoySlot,
  duressSlot,
  openSlots,
  type KeySlots,
  type SlotMatch,
} from './key-slots';
export {
  generateIdentity,
  signDetached,
  verifyDetached,
  readKeyFingerprint,
  type Identity,
  type VerifyResult,
} from './pgp';
export {
  readRecipientKey,
  encryptToRecipients,
  RecipientKeyError,
  type RecipientKey,
  type RecipientKeyProblem,
} from './pgp-recipients';
export { DecryptError, WrongPassphraseError, KdfDowngradeError } from './errors';
export { signCleartext, verifyCleartext, cleartextOf, decryptWithKey } from './pgp-cleartext';
