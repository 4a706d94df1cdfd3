// SPDX-License-Identifier: AGPL-3.0-or-later
import { createMessage, encrypt, readKey, readKeys, type Key } from 'openpgp';

export interface RecipientKey {
  /** Upper-case hex fingerprint of the primary key. */
  fingerprint: string;
  /** First user id, e.g. `Helpline <help@example.org>`, or '' when the key has none. */
  label: string;
  /** The public key re-armored by openpgp: only the public parts are ever kept. */
  publicKeyArmored: string;
}

/** Why a pasted or chosen key cannot be a recipient; `code` picks the message the user sees. */
export type RecipientKeyProblem =
  | 'recipient-private-key'
  | 'recipient-not-one-key'
  | 'recipient-unreadable'
  | 'recipient-expired'
  | 'recipient-revoked'
  | 'recipient-cannot-encrypt'
  | 'recipient-duplicate';

export class RecipientKeyError extends Error {
  constructor(
    readonly code: RecipientKeyProblem,
    message: string,
  ) {
    super(message);
    this.name = 'RecipientKeyError';
  }
}

const PRIVATE_KEY = 'This is a private key. Paste the recipient’s public key only.';

/**
 * Reads a recipient's armored OpenPGP public key and checks it can receive an encrypted message
 * now. Refuses a private key (it must never be stored), several keys in one paste, and a key that
 * is expired, revoked or has no usable encryption subkey; each with its own `RecipientKeyError`.
 */
export async function readRecipientKey(armored: string, now = new Date()): Promise<RecipientKey> {
  if (/-----BEGIN PGP PRIVATE KEY BLOCK-----/.test(armored))
    throw new RecipientKeyError('recipient-private-key', PRIVATE_KEY);
  if (!/-----BEGIN PGP PUBLIC KEY BLOCK-----/.test(armored))
    throw new RecipientKeyError(
      'recipient-unreadable',
      'No armored OpenPGP public key found (export it with gpg --armor --export).',
    );
  const blocks = armored.match(/-----BEGIN PGP PUBLIC KEY BLOCK-----/g)?.length ?? 0;
  let keys: Key[];
  try {
    keys = await readKeys({ armoredKeys: armored });
  } catch (e) {
    throw new RecipientKeyError(
      'recipient-unreadable',
      `Not a readable OpenPGP public key (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  // readKeys reads the first armor block only, so a second pasted block is counted here.
  if (keys.length !== 1 || blocks > 1)
    throw new RecipientKeyError('recipient-not-one-key', 'Paste exactly one public key.');
  const key = keys[0]!;
  if (key.isPrivate()) throw new RecipientKeyError('recipient-private-key', PRIVATE_KEY);
  // Checked one by one so the user learns which: openpgp's own error names none of them.
  if (await key.isRevoked(undefined, undefined, now))
    throw new RecipientKeyError('recipient-revoked', 'This key has been revoked by its owner.');
  const expires = await key.getExpirationTime().catch(() => null);
  if (expires instanceof Date && expires.getTime() <= now.getTime())
    throw new RecipientKeyError(
      'recipient-expired',
      `This key expired on ${expires.toISOString().slice(0, 10)}.`,
    );
  try {
    await key.getEncryptionKey(undefined, now);
  } catch (e) {
    throw new RecipientKeyError(
      'recipient-cannot-encrypt',
      `This key has no valid encryption subkey (${e instanceof Error ? e.message : String(e)})`,
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
