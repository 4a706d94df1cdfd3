// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseRecord } from '../model/case';
import type { AcceptedInvitation, Invitation, IssuedInvitation } from '../model/invitation';
import { INVITATION_TYPE } from '../model/invitation';
import { readInvitation, writeInvitation, type CheckedInvitation } from './invitation';

/** What inviting and accepting need of the vault (lib/vault satisfies it). */
export interface InviteVault {
  identity(): Promise<{
    name: string;
    fingerprint: string;
    publicKeyArmored: string;
    privateKeyArmored: string;
  }>;
  getCase(id: string): Promise<CaseRecord | null>;
  recordIssuedInvitation(issued: IssuedInvitation): Promise<void>;
  acceptInvitation(accepted: Omit<AcceptedInvitation, 'caseId'>): Promise<CaseRecord>;
}

/**
 * Defender side: signs an invitation for `caseId` (scope in the defender's words, valid until
 * `expiresAt`), keeps it in the vault and returns the armored block to give the ally.
 */
export async function createInvitation(
  deps: { vault: InviteVault; randomId(): string; now(): Date },
  input: { caseId: string; scope: string; expiresAt: string },
): Promise<CheckedInvitation> {
  const c = await deps.vault.getCase(input.caseId);
  if (!c) throw new Error(`No case ${input.caseId}`);
  const identity = await deps.vault.identity();
  const createdAt = deps.now().toISOString();
  const expiresAt = new Date(input.expiresAt);
  if (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= deps.now().getTime())
    throw new RangeError('The expiry must be a date in the future');
  const invitation: Invitation = {
    type: INVITATION_TYPE,
    version: 1,
    id: deps.randomId(),
    createdAt,
    expiresAt: expiresAt.toISOString(),
    case: { id: c.id, title: c.title },
    scope: input.scope.trim(),
    defender: { name: identity.name, fingerprint: identity.fingerprint },
    defenderKey: identity.publicKeyArmored,
  };
  const checked = await writeInvitation(invitation, identity.privateKeyArmored);
  await deps.vault.recordIssuedInvitation({
    id: invitation.id,
    caseId: c.id,
    sha256: checked.sha256,
    createdAt,
    expiresAt: invitation.expiresAt,
    scope: invitation.scope,
    armored: checked.armored,
  });
  return checked;
}

/**
 * Ally side: checks a pasted invitation (signature, defender key, dates) and creates the local
 * case bound to it. Nothing is stored when the check fails.
 */
export async function acceptInvitationText(
  deps: { vault: InviteVault; now(): Date },
  armored: string,
): Promise<{ case: CaseRecord; invitation: CheckedInvitation }> {
  const own = await deps.vault.identity();
  const checked = await readInvitation(armored, {
    now: deps.now(),
    ownFingerprint: own.fingerprint,
  });
  const record = await deps.vault.acceptInvitation({
    sha256: checked.sha256,
    invitation: checked.invitation,
    armored: checked.armored,
  });
  return { case: record, invitation: checked };
}
