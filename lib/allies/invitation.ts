// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  cleartextOf,
  readKeyFingerprint,
  sha256Hex,
  signCleartext,
  utf8Encode,
  verifyCleartext,
} from '../crypto/index';
import { INVITATION_TYPE, parseInvitation, type Invitation } from '../model/invitation';

/** A refused invitation; `code` tells the page which message to show. */
export class InvitationError extends Error {
  override name = 'InvitationError';
  constructor(
    readonly code: 'malformed' | 'bad-signature' | 'expired' | 'own' | 'not-yet-valid',
    message: string,
  ) {
    super(message);
  }
}

/** An invitation whose signature and dates were checked. */
export interface CheckedInvitation {
  invitation: Invitation;
  /** SHA-256 of the signed JSON text: what each of the ally's items records. */
  sha256: string;
  /** The whole armored block, kept so the ally can show it was invited. */
  armored: string;
}

const canonical = (text: string): string => text.replace(/\r\n/g, '\n');

/** SHA-256 of an invitation's signed text, the value items and imports compare. */
export async function invitationHash(text: string): Promise<string> {
  return sha256Hex(utf8Encode(canonical(text)));
}

/**
 * Signs `invitation` with the defender's private key as an OpenPGP cleartext message
 * (`gpg --verify` checks it): the JSON in the clear, the signature below it.
 */
export async function writeInvitation(
  invitation: Invitation,
  privateKeyArmored: string,
): Promise<CheckedInvitation> {
  parseInvitation(invitation);
  const text = JSON.stringify(invitation, null, 2);
  const armored = await signCleartext(text, privateKeyArmored);
  return { invitation, sha256: await invitationHash(text), armored };
}

/**
 * Reads a pasted invitation: it must be a cleartext-signed Attest invitation whose signature is
 * good by the key it carries, that key must be the defender it names, and it must be valid `now`.
 * The key is only as trusted as its fingerprint, which the ally confirms with the defender.
 */
export async function readInvitation(
  armored: string,
  options: { now: Date; ownFingerprint?: string },
): Promise<CheckedInvitation> {
  let invitation: Invitation;
  let text: string;
  try {
    text = canonical(await cleartextOf(armored.trim()));
    const parsed = JSON.parse(text) as { type?: unknown };
    if (parsed.type !== INVITATION_TYPE) throw new RangeError('not an invitation');
    invitation = parseInvitation(parsed);
  } catch (e) {
    throw new InvitationError(
      'malformed',
      `This is not an Attest invitation (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  let keyFingerprint: string;
  try {
    keyFingerprint = await readKeyFingerprint(invitation.defenderKey);
  } catch {
    throw new InvitationError('malformed', 'The invitation’s public key cannot be read');
  }
  if (keyFingerprint !== invitation.defender.fingerprint)
    throw new InvitationError('bad-signature', 'The invitation’s key is not the defender it names');
  const checked = await verifyCleartext(armored.trim(), invitation.defenderKey);
  if (!checked.valid || canonical(checked.text) !== text)
    throw new InvitationError(
      'bad-signature',
      `The invitation’s signature is not good (${checked.error ?? 'changed text'})`,
    );
  if (options.ownFingerprint === keyFingerprint)
    throw new InvitationError('own', 'This invitation is your own');
  const now = options.now.getTime();
  if (now >= Date.parse(invitation.expiresAt))
    throw new InvitationError('expired', `The invitation expired on ${invitation.expiresAt}`);
  // A little slack for clocks that disagree; an invitation from the future is refused.
  if (now + 10 * 60_000 < Date.parse(invitation.createdAt))
    throw new InvitationError('not-yet-valid', `The invitation is dated ${invitation.createdAt}`);
  return { invitation, sha256: await invitationHash(text), armored: armored.trim() };
}
