// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  createCleartextMessage,
  decrypt,
  readCleartextMessage,
  readKey,
  readMessage,
  readPrivateKey,
  sign,
  verify,
} from 'openpgp';

/**
 * An OpenPGP cleartext-signed message (`-----BEGIN PGP SIGNED MESSAGE-----`) of `text`, which
 * `gpg --verify` checks as it stands. Used for ally invitations: readable, pasteable, signed.
 */
export async function signCleartext(text: string, privateKeyArmored: string): Promise<string> {
  const signingKeys = await readPrivateKey({ armoredKey: privateKeyArmored });
  const out: unknown = await sign({
    message: await createCleartextMessage({ text }),
    signingKeys,
  });
  if (typeof out !== 'string' || !out.includes('-----BEGIN PGP SIGNATURE-----'))
    throw new Error('Signing produced no signature');
  return out;
}

/**
 * The signed text of a cleartext-signed message and whether every signature in it is good by
 * `publicKeyArmored`. Never throws for a bad or foreign signature: it says why in `error`.
 */
export async function verifyCleartext(
  armored: string,
  publicKeyArmored: string,
): Promise<{ valid: boolean; text: string; error?: string }> {
  let text = '';
  try {
    const message = await readCleartextMessage({ cleartextMessage: armored });
    text = message.getText();
    const key = await readKey({ armoredKey: publicKeyArmored });
    const { signatures } = await verify({ message, verificationKeys: key });
    if (signatures.length === 0) return { valid: false, text, error: 'No signature found' };
    for (const s of signatures) await s.verified;
    return { valid: true, text };
  } catch (e) {
    return { valid: false, text, error: e instanceof Error ? e.message : String(e) };
  }
}

/** The text a cleartext-signed message claims to sign, without checking the signature. */
export async function cleartextOf(armored: string): Promise<string> {
  const message = await readCleartextMessage({ cleartextMessage: armored });
  return message.getText();
}

/**
 * Decrypts a binary OpenPGP message (an encrypted hand-over, `.zip.gpg`) with the vault's own
 * private key. Throws when the message was not encrypted to that key or does not decrypt whole.
 */
export async function decryptWithKey(
  data: Uint8Array,
  privateKeyArmored: string,
): Promise<Uint8Array> {
  const decryptionKeys = await readPrivateKey({ armoredKey: privateKeyArmored });
  const message = await readMessage({ binaryMessage: data });
  // Typed as unknown and checked, as in signDetached: nothing decrypted must fail closed.
  const result: { data: unknown } = await decrypt({ message, decryptionKeys, format: 'binary' });
  const out = result.data;
  if (!(out instanceof Uint8Array)) throw new Error('Decryption produced nothing');
  return out;
}
