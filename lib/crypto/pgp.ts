// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  createMessage,
  generateKey,
  readKey,
  readPrivateKey,
  readSignature,
  sign,
  verify,
} from 'openpgp';
import { armorSignature, dearmorSignatureStrict } from './armor';

export interface Identity {
  publicKeyArmored: string;
  privateKeyArmored: string;
  /** Upper-case hex, 40 characters (v4). */
  fingerprint: string;
}

export interface VerifyResult {
  valid: boolean;
  /** Fingerprint of the key that was offered for verification. */
  fingerprint: string;
  /** Issuer key id found in the signature (upper-case hex), '' if none. */
  signingKeyId: string;
  error?: string;
}

/**
 * A collector key: OpenPGP v4 with an EdDSA (legacy Ed25519) primary, which GnuPG 2.2 verifies.
 * The RFC 9580 v6 key types are avoided on purpose: stock gpg on lawyers' machines rejects them.
 * The private key is not passphrase-protected here because the vault seals it.
 */
export async function generateIdentity({ name }: { name: string }): Promise<Identity> {
  const trimmed = name.trim();
  if (trimmed === '') throw new TypeError('generateIdentity: a name or pseudonym is required');
  const { publicKey, privateKey } = await generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: trimmed }],
    format: 'armored',
    config: { v6Keys: false },
  });
  return {
    publicKeyArmored: publicKey,
    privateKeyArmored: privateKey,
    fingerprint: await readKeyFingerprint(publicKey),
  };
}

/** Armored detached signature over the exact binary `data`, as `gpg --verify sig data` expects. */
export async function signDetached(data: Uint8Array, privateKeyArmored: string): Promise<string> {
  const signingKey = await readPrivateKey({ armoredKey: privateKeyArmored });
  const message = await createMessage({ binary: data });
  // Typed as unknown and checked: a signer that returns nothing must fail closed.
  const signature: unknown = await sign({
    message,
    signingKeys: signingKey,
    detached: true,
    format: 'binary',
  });
  if (!(signature instanceof Uint8Array) || signature.byteLength === 0)
    throw new Error('Signing produced no signature');
  return armorSignature(signature);
}

/** Checks a detached signature against one public key; never throws for a bad signature, reports it. */
export async function verifyDetached({
  data,
  signatureArmored,
  publicKeyArmored,
}: {
  data: Uint8Array;
  signatureArmored: string;
  publicKeyArmored: string;
}): Promise<VerifyResult> {
  let fingerprint = '';
  let signingKeyId = '';
  try {
    const key = await readKey({ armoredKey: publicKeyArmored });
    fingerprint = key.getFingerprint().toUpperCase();
    const signature = await readSignature({
      binarySignature: dearmorSignatureStrict(signatureArmored),
    });
    const message = await createMessage({ binary: data });
    const { signatures } = await verify({ message, signature, verificationKeys: key });
    const first = signatures[0];
    if (!first) return { valid: false, fingerprint, signingKeyId, error: 'No signature found' };
    signingKeyId = first.keyID.toHex().toUpperCase();
    // Every signature packet must check out; `verified` rejects with the reason.
    for (const s of signatures) await s.verified;
    return { valid: true, fingerprint, signingKeyId };
  } catch (e) {
    return {
      valid: false,
      fingerprint,
      signingKeyId,
      error: e instanceof Error ? e.message : String(e),
    };
  }
}

/** Upper-case hex fingerprint of an armored public key. */
export async function readKeyFingerprint(publicKeyArmored: string): Promise<string> {
  const key = await readKey({ armoredKey: publicKeyArmored });
  return key.getFingerprint().toUpperCase();
}
