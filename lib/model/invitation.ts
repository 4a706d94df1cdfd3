// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * An ally invitation (docs/allies.md): the defender asks a trusted person to document one case
 * for them. The signed text is this JSON; the consent it grants is copied into every item the
 * ally captures for the case.
 */

export const INVITATION_TYPE = 'attest-invitation';
export const MAX_SCOPE = 2000;
export const MAX_INVITATION_TITLE = 200;

export interface Invitation {
  type: typeof INVITATION_TYPE;
  version: 1;
  /** Random id of this invitation. */
  id: string;
  /** UTC ISO 8601. */
  createdAt: string;
  expiresAt: string;
  /** The defender's case: its opaque id in the defender's vault and its title. */
  case: { id: string; title: string };
  /** What the ally may document, in the defender's words. */
  scope: string;
  defender: { name: string; fingerprint: string };
  /** The defender's armored OpenPGP public key: signs this invitation, receives the hand-over. */
  defenderKey: string;
}

/** What an ally's item records of the invitation it was captured under (item.json collector.consent). */
export interface AllyConsent {
  invitationId: string;
  /** SHA-256 of the invitation's signed text (the JSON, LF line ends). */
  invitationSha256: string;
  scope: string;
  invitedAt: string;
  expiresAt: string;
  caseTitle: string;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const FPR = /^[0-9A-F]{40}$/;
const SAFE_ID = /^[A-Za-z0-9._-]{1,128}$/;
const KEYS = [
  'type',
  'version',
  'id',
  'createdAt',
  'expiresAt',
  'case',
  'scope',
  'defender',
  'defenderKey',
];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const exactKeys = (v: Record<string, unknown>, keys: string[]): boolean =>
  Object.keys(v).length === keys.length && keys.every((k) => k in v);

/** Checks the shape of a parsed invitation; throws `RangeError` naming the first problem. */
export function parseInvitation(value: unknown): Invitation {
  const fail = (what: string): never => {
    throw new RangeError(`Not an Attest invitation: ${what}`);
  };
  if (!isObject(value) || !exactKeys(value, KEYS)) return fail('unexpected fields');
  if (value.type !== INVITATION_TYPE || value.version !== 1) fail('unknown type or version');
  if (typeof value.id !== 'string' || !SAFE_ID.test(value.id)) fail('bad id');
  for (const k of ['createdAt', 'expiresAt'] as const) {
    const v = value[k];
    if (typeof v !== 'string' || !ISO_UTC.test(v) || Number.isNaN(Date.parse(v))) fail(`bad ${k}`);
  }
  if (Date.parse(value.expiresAt as string) <= Date.parse(value.createdAt as string))
    fail('expires before it was made');
  const c = value.case;
  if (!isObject(c) || !exactKeys(c, ['id', 'title'])) return fail('bad case');
  if (typeof c.id !== 'string' || !SAFE_ID.test(c.id)) fail('bad case id');
  if (typeof c.title !== 'string' || c.title.length > MAX_INVITATION_TITLE) fail('bad case title');
  if (
    typeof value.scope !== 'string' ||
    value.scope.trim() === '' ||
    value.scope.length > MAX_SCOPE
  )
    fail('the scope is empty or too long');
  const d = value.defender;
  if (!isObject(d) || !exactKeys(d, ['name', 'fingerprint'])) return fail('bad defender');
  if (typeof d.name !== 'string' || typeof d.fingerprint !== 'string' || !FPR.test(d.fingerprint))
    fail('bad defender');
  if (
    typeof value.defenderKey !== 'string' ||
    !value.defenderKey.includes('-----BEGIN PGP PUBLIC KEY BLOCK-----')
  )
    fail('no public key');
  return value as unknown as Invitation;
}

/** The consent an item records for `invitation` whose signed text hashes to `sha256`. */
export function consentOf(invitation: Invitation, sha256: string): AllyConsent {
  return {
    invitationId: invitation.id,
    invitationSha256: sha256,
    scope: invitation.scope,
    invitedAt: invitation.createdAt,
    expiresAt: invitation.expiresAt,
    caseTitle: invitation.case.title,
  };
}

/** An invitation the defender made (their vault keeps it to recognise the hand-over). */
export interface IssuedInvitation {
  id: string;
  caseId: string;
  sha256: string;
  createdAt: string;
  expiresAt: string;
  scope: string;
  armored: string;
  /** UTC ISO 8601 when the defender revoked it: hand-overs under it are then refused. */
  revokedAt?: string;
}

/** An invitation the ally accepted: the local case it is bound to. */
export interface AcceptedInvitation {
  caseId: string;
  sha256: string;
  invitation: Invitation;
  armored: string;
}

/**
 * The collector files kept from a hand-over the defender imported, exactly as the ally signed
 * them: re-exported under `collectors/<fingerprint>/` so the ally's items stay attributable.
 */
export interface CollectorFiles {
  sums: string;
  signature: string;
  key: string;
  custody: string;
  manifest: string;
}

/** One imported hand-over. */
export interface ImportRecord {
  id: string;
  bundleId: string;
  /** SHA-256 of the decrypted ZIP (what was verified) and of the encrypted file as received. */
  zipSha256: string;
  fileSha256: string;
  collector: { name: string; fingerprint: string };
  importedAt: string;
  caseId: string;
  invitationSha256: string;
  items: string[];
  files: CollectorFiles;
}
