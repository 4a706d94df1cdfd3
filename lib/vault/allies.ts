// SPDX-License-Identifier: AGPL-3.0-or-later
import { DEFAULT_TLP, type CaseRecord } from '../model/case';
import { consentOf, type AcceptedInvitation, type IssuedInvitation } from '../model/invitation';
import type { ItemJson } from '../model/item';
import { randomId, sealJson } from '../crypto/index';
import { readRow, sealRow, withCustody } from './ally-writes';
import { adFor, requireKey, type VaultContext } from './context';
import type { CustodyInput } from './custody-store';
import {
  CaseNotFoundError,
  InvitationExpiredError,
  InvitationNotFoundError,
  VaultWriteError,
} from './errors';

interface InvitationsRow {
  issued: IssuedInvitation[];
  accepted: AcceptedInvitation[];
}

export async function readInvitations(ctx: VaultContext): Promise<InvitationsRow> {
  return readRow<InvitationsRow>(ctx, 'invitations', { issued: [], accepted: [] });
}

/** Keeps an invitation the defender made, and logs it (case id, hash and expiry only). */
export async function recordIssuedInvitation(
  ctx: VaultContext,
  issued: IssuedInvitation,
): Promise<void> {
  if (!(await ctx.db.cases.get(issued.caseId)))
    throw new CaseNotFoundError(`No case ${issued.caseId}`);
  const current = await readInvitations(ctx);
  const row = await sealRow(ctx, 'invitations', {
    ...current,
    issued: [...current.issued, issued],
  });
  const event: CustodyInput = {
    type: 'invitation-issued',
    details: { caseId: issued.caseId, invitation: issued.sha256, expiresAt: issued.expiresAt },
  };
  await withCustody(
    ctx,
    event,
    [ctx.db.secrets],
    () => ctx.db.secrets.put(row),
    'Saving the invitation',
  );
}

/**
 * Revokes an invitation this vault issued, from now on: a hand-over made under it is refused at
 * import. Logs 'invitation-revoked' with the invitation's hash only. Revoking twice keeps the
 * first date and writes nothing.
 */
export async function revokeInvitation(
  ctx: VaultContext,
  sha256: string,
): Promise<IssuedInvitation> {
  const current = await readInvitations(ctx);
  const found = current.issued.find((i) => i.sha256 === sha256);
  if (!found) throw new InvitationNotFoundError(`No invitation ${sha256} was issued here`);
  if (found.revokedAt) return found;
  const revoked: IssuedInvitation = { ...found, revokedAt: ctx.now().toISOString() };
  const row = await sealRow(ctx, 'invitations', {
    ...current,
    issued: current.issued.map((i) => (i.sha256 === sha256 ? revoked : i)),
  });
  const event: CustodyInput = {
    at: revoked.revokedAt,
    type: 'invitation-revoked',
    details: { invitation: sha256 },
  };
  await withCustody(
    ctx,
    event,
    [ctx.db.secrets],
    () => ctx.db.secrets.put(row),
    'Revoking the invitation',
  );
  return revoked;
}

/**
 * Accepts a checked invitation: a new local case titled as the defender's, bound to it, and an
 * 'invitation-accepted' event naming the case, the invitation's hash and the defender's key.
 */
export async function acceptInvitation(
  ctx: VaultContext,
  accepted: Omit<AcceptedInvitation, 'caseId'>,
): Promise<CaseRecord> {
  const key = await requireKey(ctx);
  const current = await readInvitations(ctx);
  if (current.accepted.some((a) => a.sha256 === accepted.sha256))
    throw new VaultWriteError('This invitation was already imported');
  const at = ctx.now().toISOString();
  const { invitation } = accepted;
  const record: CaseRecord = {
    id: randomId(),
    title: invitation.case.title,
    target: invitation.defender.name,
    notes: invitation.scope,
    tlp: DEFAULT_TLP,
    createdAt: at,
    updatedAt: at,
  };
  const sealedCase = await sealJson(key, record, adFor('cases', record.id));
  const row = await sealRow(ctx, 'invitations', {
    ...current,
    accepted: [...current.accepted, { ...accepted, caseId: record.id }],
  });
  const event: CustodyInput = {
    at,
    type: 'invitation-accepted',
    details: {
      caseId: record.id,
      invitation: accepted.sha256,
      expiresAt: invitation.expiresAt,
      defender: invitation.defender.fingerprint,
    },
  };
  await withCustody(
    ctx,
    event,
    [ctx.db.secrets, ctx.db.cases],
    async () => {
      await ctx.db.cases.add({ id: record.id, sealed: sealedCase });
      await ctx.db.secrets.put(row);
    },
    'Importing the invitation',
  );
  return record;
}

/** The accepted invitation `caseId` is bound to, if any. */
export async function acceptedFor(
  ctx: VaultContext,
  caseId: string,
): Promise<AcceptedInvitation | null> {
  return (await readInvitations(ctx)).accepted.find((a) => a.caseId === caseId) ?? null;
}

/**
 * The item as it is stored in a case bound to `bound` (see `acceptedFor`): in an ally's case, its
 * collector gains `onBehalfOf` (the defender) and `consent`. A capture after the invitation
 * expired is outside the consent: refused.
 */
export function allyItem(
  ctx: VaultContext,
  item: ItemJson,
  bound: AcceptedInvitation | null,
): ItemJson {
  if (!bound) return item;
  const { invitation } = bound;
  if (ctx.now().getTime() >= Date.parse(invitation.expiresAt))
    throw new InvitationExpiredError(
      `The invitation for this case expired on ${invitation.expiresAt}: nothing was saved`,
    );
  return {
    ...item,
    collector: {
      name: item.collector.name,
      fingerprint: item.collector.fingerprint,
      onBehalfOf: { ...invitation.defender },
      consent: consentOf(invitation, bound.sha256),
    },
  };
}
