// SPDX-License-Identifier: AGPL-3.0-or-later
import { readInvitation, type CheckedInvitation } from '../allies/invitation';
import { acceptInvitationText, createInvitation, type InviteVault } from '../allies/invite';
import type { AcceptedInvitation, IssuedInvitation } from '../model/invitation';
import type {
  AcceptedInvitationSummary,
  InvitationPreview,
  IssuedInvitationSummary,
  MessageType,
} from './protocol';
import { CodedError, type Handlers } from './router';

/** What the invitation messages need of the vault (lib/vault satisfies it). */
export interface AllyVault extends InviteVault {
  invitations(): Promise<{ issued: IssuedInvitation[]; accepted: AcceptedInvitation[] }>;
  revokeInvitation(sha256: string): Promise<IssuedInvitation>;
}

type AllyMessage =
  'allies.list' | 'allies.invite' | 'allies.check' | 'allies.accept' | 'allies.revoke';

// Only what the page shows leaves the background: never the defender's key or armored blocks
// the page did not send itself.
const issuedSummary = (i: IssuedInvitation): IssuedInvitationSummary => ({
  id: i.id,
  caseId: i.caseId,
  sha256: i.sha256,
  createdAt: i.createdAt,
  expiresAt: i.expiresAt,
  scope: i.scope,
  ...(i.revokedAt ? { revokedAt: i.revokedAt } : {}),
});

const preview = (c: Pick<CheckedInvitation, 'invitation' | 'sha256'>): InvitationPreview => ({
  defender: { name: c.invitation.defender.name, fingerprint: c.invitation.defender.fingerprint },
  caseTitle: c.invitation.case.title,
  scope: c.invitation.scope,
  createdAt: c.invitation.createdAt,
  expiresAt: c.invitation.expiresAt,
  sha256: c.sha256,
});

const acceptedSummary = (a: AcceptedInvitation): AcceptedInvitationSummary => ({
  ...preview(a),
  caseId: a.caseId,
});

/**
 * Handlers to issue, check and accept ally invitations (docs/allies.md); `touch` counts as
 * activity for auto-lock. Refusals keep the InvitationError's code for the page to translate.
 */
export function createAllyHandlers(
  vault: AllyVault,
  touch: () => Promise<void>,
  deps: { randomId(): string; now(): Date },
): Pick<Handlers, AllyMessage & MessageType> {
  // Said before the ally reads the preview, not only when the vault refuses the second case.
  async function check(armored: string): Promise<CheckedInvitation> {
    const own = await vault.identity();
    const checked = await readInvitation(armored, {
      now: deps.now(),
      ownFingerprint: own.fingerprint,
    });
    if ((await vault.invitations()).accepted.some((a) => a.sha256 === checked.sha256))
      throw new CodedError('invitation-already-accepted', 'This invitation was already accepted');
    return checked;
  }

  return {
    'allies.list': async () => {
      const { issued, accepted } = await vault.invitations();
      return { issued: issued.map(issuedSummary), accepted: accepted.map(acceptedSummary) };
    },
    'allies.invite': async (input) => {
      const checked = await createInvitation({ vault, ...deps }, input);
      await touch();
      const issued = (await vault.invitations()).issued.find((i) => i.sha256 === checked.sha256);
      if (!issued) throw new Error('The invitation was signed but not kept');
      return { invitation: issuedSummary(issued), armored: checked.armored };
    },
    'allies.check': async ({ armored }) => {
      const checked = await check(armored);
      await touch();
      return preview(checked);
    },
    'allies.revoke': async ({ sha256 }) => {
      const invitation = issuedSummary(await vault.revokeInvitation(sha256));
      await touch();
      return { invitation };
    },
    'allies.accept': async ({ armored }) => {
      await check(armored);
      const { case: record, invitation } = await acceptInvitationText({ vault, ...deps }, armored);
      await touch();
      return { ...preview(invitation), caseId: record.id };
    },
  };
}
