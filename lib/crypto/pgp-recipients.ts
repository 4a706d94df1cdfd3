// SPDX-License-Identifier: AGPL-3.0-or-later
import { createMessage, encrypt, readKey, readKeys } from 'openpgp';

export interface RecipientKey {
  /** Upper-case hex fingerprint of the primary key. */
  fingerprint: string;
  /** First user id, e.g. `Helpline <help@example.org>`, or '' when the key has none. */
  label: string;
  /** The public key re-armored by openpgp: only the public parts are ever kept. */
  publicKeyArmored: string;
}

/**
 * Reads a recipient's armored OpenPGP public key and checks it can receive an encrypted message
 * now. Refuses a private key (it must never be stored), several keys in one paste, and a key that
 * is expired, revoked or has no usable encryption subkey.
 */
export async function readRecipientKey(armored: string): Promise<RecipientKey> {
  if (/-----BEGIN PGP PRIVATE KEY BLOCK-----/.test(armored))
    throw new Error('This is a private key. Paste the recipient’s public key only.');
  const blocks = armored.match(/-----BEGIN PGP PUBLIC KEY BLOCK-----/g)?.length ?? 0;
  const keys = await readKeys({ armoredKeys: armored });
  // readKeys reads the first armor block only, so a second pasted block is counted here.
  if (keys.length !== 1 || blocks > 1) throw new Error('Paste exactly one public key.');
  const key = keys[0]!;
  if (key.isPrivate())
    throw new Error('This is a private key. Paste the recipient’s public key only.');
  try {
    await key.getEncryptionKey();
  } catch (e) {
    throw new Error(
      `This key cannot receive encrypted files (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  return {
    fingerprint: key.getFingerprint().toUpperCase(),
    label: key.getUserIDs()[0] ?? '',
    publicKeyArmored: key.armor(),
  };
}

/**
 * Encrypts `data` to every recipient as one binary OpenPGP message (`gpg --decrypt` opens it with
 * any one recipient's secret key). Throws if any key is unusable: no recipient is dropped silently.
 */
export async function encryptToRecipients(
  data: Uint8Array,
  publicKeysArmored: string[],
): Promise<Uint8Array> {
  if (publicKeysArmored.length === 0) throw new TypeError('encryptToRecipients: no recipient');
  const encryptionKeys = await Promise.all(
    publicKeysArmored.map((armoredKey) => readKey({ armoredKey })),
  );
  const out: unknown = await encrypt({
    message: await createMessage({ binary: data }),
    encryptionKeys,
    format: 'binary',
  });
  if (!(out instanceof Uint8Array) || out.length === 0)
    throw new Error('Encryption produced nothing');
  return out;
}
