// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The one message protocol between extension pages and the background. Every message type, its
 * request and response shapes and who may send it are declared here and nowhere else.
 */

import { MAX_SCOPE } from '../model/invitation';
import { isNotifierEmail, isNotifierName } from '../model/notifier';

export type VaultStatus = 'uninitialized' | 'locked' | 'unlocked';
/** Who may send a message. Web pages and content scripts never get a handler. */
export type SenderPolicy = 'extension-page';

export type Empty = Record<string, never>;
/** How captured images first appear in the vault (mirrors lib/vault/settings.ts). */
export type ReviewImagesChoice = 'blurred' | 'shown';
export const REVIEW_IMAGES_CHOICES: readonly ReviewImagesChoice[] = ['blurred', 'shown'];
export interface SettingsPayload {
  autoLockMinutes: number;
  reviewImages: ReviewImagesChoice;
  /** The platform notices' notifier (DSA Art. 16(2)(c)); '' = the collector's name. */
  notifierName: string;
  /** '' = not given; otherwise a well-formed address (lib/model/notifier.ts). */
  notifierEmail: string;
}
/** A settings change: one or more settings, each valid; unknown keys are refused. */
export type SettingsUpdate = Partial<SettingsPayload>;
export interface CaptureResult {
  itemId: string;
  files: Array<{ path: string; sha256: string }>;
}
/**
 * Private windows as the background sees them: whether the user let Attest run there (the
 * browser's own switch) and whether the tab a capture would take now is in one.
 */
export interface PrivateWindowsPayload {
  allowed: boolean;
  targetIsPrivate: boolean;
}
export interface WireError {
  code: string;
  message: string;
}
/** A post capture: done, or the user pressed Esc in the picker. */
export type PostCaptureOutcome = { state: 'done'; result: CaptureResult } | { state: 'cancelled' };
/** Where the capture of every post of a page stands (kept in storage.session). */
export interface ThreadProgressPayload {
  groupId: string;
  state: 'running' | 'cancelling' | 'cancelled' | 'done' | 'error';
  done: number;
  total: number;
  error?: string;
}
export interface ThreadCaptureResult {
  groupId: string;
  itemIds: string[];
  state: 'done' | 'cancelled';
}
/** What happened to a capture that was waiting for the vault to be unlocked. */
export type PendingCaptureOutcome =
  { state: 'done'; result: CaptureResult } | { state: 'error'; error: WireError };

/** Lock-out and panic preferences (kept in clear: they act while the vault is locked). */
export interface SecurityPayload {
  /** Wipe after this many failed unlocks in a row; 0 = never. */
  wipeAfterFailedUnlocks: number;
  confirmPanicWipe: boolean;
}

/** The RFC 3161 authority the user named (mirrors lib/timestamp/settings.ts). Off by default. */
export interface TimestampSettingsPayload {
  enabled: boolean;
  url: string;
  /** The authority's root certificate(s), PEM. */
  rootsPem: string;
}
export interface TimestampSettingsView {
  settings: TimestampSettingsPayload;
  /** Subjects of the saved roots, shown so the user can check what they pasted. */
  rootSubjects: string[];
}
/** Where the queue of digests waiting for a timestamp stands. */
export interface TimestampStatusPayload {
  enabled: boolean;
  pending: number;
  lastError: string | null;
  /** UTC ISO 8601 of the next automatic try, or null. */
  nextAttemptAt: string | null;
}

/** A hand-over recipient as the page shows it; the key itself stays in the vault. */
export interface RecipientSummary {
  /** Upper-case hex, 40 digits (v4) or 64 (v6). */
  fingerprint: string;
  /** The key's first user id, e.g. `Helpline <help@example.org>`; '' when it has none. */
  label: string;
}
/** TLP 2.0 sharing levels (mirrors lib/model/case.ts). */
export type TlpChoice = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED';
/** What the popup needs of a case to let the user pick where captures go. */
export interface CaseSummary {
  id: string;
  title: string;
  tlp: TlpChoice;
}
export const MAX_CASE_ID_LENGTH = 128;

/** An invitation this vault issued, as the vault page lists it (docs/allies.md). */
export interface IssuedInvitationSummary {
  id: string;
  caseId: string;
  /** SHA-256 of the signed text: what the ally's items and the import record carry. */
  sha256: string;
  createdAt: string;
  expiresAt: string;
  scope: string;
  /** Set once the defender revoked it: hand-overs under it are refused. */
  revokedAt?: string;
}
/** What the ally sees of an invitation before and after accepting it. */
export interface InvitationPreview {
  defender: { name: string; fingerprint: string };
  caseTitle: string;
  scope: string;
  createdAt: string;
  expiresAt: string;
  sha256: string;
}
/** An accepted invitation: the ally's local case bound to it. */
export interface AcceptedInvitationSummary extends InvitationPreview {
  caseId: string;
}
/** Generous for a signed invitation (JSON + the defender's public key + signature). */
export const MAX_INVITATION_LENGTH = 256 * 1024;

export interface MessageMap {
  'vault.status': { request: Empty; response: { status: VaultStatus; pendingCapture: boolean } };
  'vault.create': {
    request: { passphrase: string; collectorName: string };
    response: { fingerprint: string };
  };
  'vault.unlock': {
    request: { passphrase: string };
    response: { pendingCapture: PendingCaptureOutcome | null };
  };
  'vault.lock': { request: Empty; response: Empty };
  'vault.activity': { request: Empty; response: Empty };
  /** Panic wipe: keys first, then data. Works locked or unlocked. */
  'vault.wipe': { request: Empty; response: Empty };
  'security.get': { request: Empty; response: SecurityPayload };
  'security.update': { request: Partial<SecurityPayload>; response: SecurityPayload };
  'security.setDuress': {
    request: { passphrase: string; duressPassphrase: string };
    response: Empty;
  };
  'security.clearDuress': { request: { passphrase: string }; response: Empty };
  'settings.get': { request: Empty; response: SettingsPayload };
  'settings.update': { request: SettingsUpdate; response: SettingsPayload };
  'timestamps.get': { request: Empty; response: TimestampSettingsView };
  'timestamps.update': { request: TimestampSettingsPayload; response: TimestampSettingsView };
  'timestamps.status': { request: Empty; response: TimestampStatusPayload };
  /** "Send now": every waiting digest, due or not. */
  'timestamps.flush': {
    request: Empty;
    response: TimestampStatusPayload & { stamped: number; failed: number };
  };
  'recipients.list': { request: Empty; response: { recipients: RecipientSummary[] } };
  /** Checks the armored public key (lib/crypto/pgp-recipients.ts) and keeps it sealed. */
  'recipients.add': { request: { armored: string }; response: { recipient: RecipientSummary } };
  'recipients.remove': { request: { fingerprint: string }; response: Empty };
  /** Invitations this vault issued (defender) and accepted (ally). */
  'allies.list': {
    request: Empty;
    response: { issued: IssuedInvitationSummary[]; accepted: AcceptedInvitationSummary[] };
  };
  /** Signs an invitation for a case with the vault's key and keeps it (lib/allies/invite.ts). */
  'allies.invite': {
    request: { caseId: string; scope: string; expiresAt: string };
    response: { invitation: IssuedInvitationSummary; armored: string };
  };
  /** Checks a pasted invitation (signature, key, dates) and stores nothing. */
  'allies.check': { request: { armored: string }; response: InvitationPreview };
  /** Checks it again and creates the local case bound to it. */
  'allies.accept': { request: { armored: string }; response: AcceptedInvitationSummary };
  /** Revokes an issued invitation (by its hash); logged as 'invitation-revoked'. */
  'allies.revoke': {
    request: { sha256: string };
    response: { invitation: IssuedInvitationSummary };
  };
  /** The cases and the one new captures go to. */
  'cases.list': { request: Empty; response: { cases: CaseSummary[]; currentId: string } };
  'cases.select': { request: { caseId: string }; response: { currentId: string } };
  'capture.activeTab': { request: Empty; response: CaptureResult };
  'capture.post': { request: Empty; response: PostCaptureOutcome };
  'capture.thread': { request: Empty; response: ThreadCaptureResult };
  'capture.progress': { request: Empty; response: { progress: ThreadProgressPayload | null } };
  'capture.cancel': { request: Empty; response: { cancelling: boolean } };
  'capture.privateWindows': { request: Empty; response: PrivateWindowsPayload };
}

export type MessageType = keyof MessageMap;
export type RequestOf<T extends MessageType> = MessageMap[T]['request'];
export type ResponseOf<T extends MessageType> = MessageMap[T]['response'];

export interface Envelope<T extends MessageType = MessageType> {
  type: T;
  payload: RequestOf<T>;
}
export type Reply<V> = { ok: true; value: V } | { ok: false; error: WireError };

interface MessageSpec<T extends MessageType> {
  policy: SenderPolicy;
  validate(payload: unknown): payload is RequestOf<T>;
}

export const MAX_PASSPHRASE_LENGTH = 1024;
export const MAX_COLLECTOR_NAME_LENGTH = 200;
export const AUTO_LOCK_MINUTES_RANGE = { min: 1, max: 1440 } as const;
/** Generous for a public key with many certifications; bounds what a page can make us parse. */
export const MAX_RECIPIENT_KEY_LENGTH = 256 * 1024;
export const WIPE_AFTER_FAILED_UNLOCKS_RANGE = { min: 0, max: 100 } as const;
export const MAX_TIMESTAMP_URL_LENGTH = 2048;
/** Room for a few PEM roots; a whole CA bundle is not what is asked for. */
export const MAX_TIMESTAMP_ROOTS_LENGTH = 256 * 1024;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasExactKeys(value: unknown, keys: string[]): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const present = Object.keys(value).sort();
  const wanted = [...keys].sort();
  return present.length === wanted.length && present.every((k, i) => k === wanted[i]);
}

function isBoundedString(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

const isEmpty = (payload: unknown): payload is Empty => hasExactKeys(payload, []);

const SETTINGS_CHECKS: Record<keyof SettingsPayload, (value: unknown) => boolean> = {
  autoLockMinutes: (m) =>
    Number.isInteger(m) &&
    (m as number) >= AUTO_LOCK_MINUTES_RANGE.min &&
    (m as number) <= AUTO_LOCK_MINUTES_RANGE.max,
  reviewImages: (v) => (REVIEW_IMAGES_CHOICES as readonly unknown[]).includes(v),
  notifierName: isNotifierName,
  notifierEmail: isNotifierEmail,
};

function isSettingsUpdate(payload: unknown): payload is SettingsUpdate {
  if (!isPlainObject(payload)) return false;
  const entries = Object.entries(payload);
  return (
    entries.length > 0 &&
    entries.every(
      ([key, value]) =>
        Object.hasOwn(SETTINGS_CHECKS, key) && SETTINGS_CHECKS[key as keyof SettingsPayload](value),
    )
  );
}

function isSecurityUpdate(p: unknown): p is Partial<SecurityPayload> {
  if (!isPlainObject(p)) return false;
  const keys = Object.keys(p);
  const n = p.wipeAfterFailedUnlocks;
  return (
    keys.length > 0 &&
    keys.every((k) => k === 'wipeAfterFailedUnlocks' || k === 'confirmPanicWipe') &&
    (n === undefined ||
      (Number.isInteger(n) &&
        (n as number) >= WIPE_AFTER_FAILED_UNLOCKS_RANGE.min &&
        (n as number) <= WIPE_AFTER_FAILED_UNLOCKS_RANGE.max)) &&
    (p.confirmPanicWipe === undefined || typeof p.confirmPanicWipe === 'boolean')
  );
}

/** The policy table: checked by the router before any handler runs. */
export const PROTOCOL: { readonly [T in MessageType]: MessageSpec<T> } = {
  'vault.status': { policy: 'extension-page', validate: isEmpty },
  'vault.create': {
    policy: 'extension-page',
    validate: (p): p is RequestOf<'vault.create'> =>
      hasExactKeys(p, ['passphrase', 'collectorName']) &&
      isBoundedString(p.passphrase, 1, MAX_PASSPHRASE_LENGTH) &&
      isBoundedString(p.collectorName, 1, MAX_COLLECTOR_NAME_LENGTH),
  },
  'vault.unlock': {
    policy: 'extension-page',
    validate: (p): p is RequestOf<'vault.unlock'> =>
      hasExactKeys(p, ['passphrase']) && isBoundedString(p.passphrase, 1, MAX_PASSPHRASE_LENGTH),
  },
  'vault.lock': { policy: 'extension-page', validate: isEmpty },
  'vault.activity': { policy: 'extension-page', validate: isEmpty },
  'vault.wipe': { policy: 'extension-page', validate: isEmpty },
  'security.get': { policy: 'extension-page', validate: isEmpty },
  'security.update': { policy: 'extension-page', validate: isSecurityUpdate },
  'security.setDuress': {
    policy: 'extension-page',
    validate: (p): p is RequestOf<'security.setDuress'> =>
      hasExactKeys(p, ['passphrase', 'duressPassphrase']) &&
      isBoundedString(p.passphrase, 1, MAX_PASSPHRASE_LENGTH) &&
      isBoundedString(p.duressPassphrase, 1, MAX_PASSPHRASE_LENGTH),
  },
  'security.clearDuress': {
    policy: 'extension-page',
    validate: (p): p is RequestOf<'security.clearDuress'> =>
      hasExactKeys(p, ['passphrase']) && isBoundedString(p.passphrase, 1, MAX_PASSPHRASE_LENGTH),
  },
  'settings.get': { policy: 'extension-page', validate: isEmpty },
  'settings.update': {
    policy: 'extension-page',
    validate: isSettingsUpdate,
  },
  'timestamps.get': { policy: 'extension-page', validate: isEmpty },
  'timestamps.update': {
    policy: 'extension-page',
    validate: (p): p is RequestOf<'timestamps.update'> =>
      hasExactKeys(p, ['enabled', 'url', 'rootsPem']) &&
      typeof p.enabled === 'boolean' &&
      isBoundedString(p.url, 0, MAX_TIMESTAMP_URL_LENGTH) &&
      isBoundedString(p.rootsPem, 0, MAX_TIMESTAMP_ROOTS_LENGTH),
  },
  'timestamps.status': { policy: 'extension-page', validate: isEmpty },
  'timestamps.flush': { policy: 'extension-page', validate: isEmpty },
  'recipients.list': { policy: 'extension-page', validate: isEmpty },
  'recipients.add': {
    policy: 'extension-page',
    validate: (p): p is RequestOf<'recipients.add'> =>
      hasExactKeys(p, ['armored']) && isBoundedString(p.armored, 1, MAX_RECIPIENT_KEY_LENGTH),
  },
  'recipients.remove': {
    policy: 'extension-page',
    validate: (p): p is RequestOf<'recipients.remove'> =>
      hasExactKeys(p, ['fingerprint']) &&
      typeof p.fingerprint === 'string' &&
      /^(?:[0-9A-F]{40}|[0-9A-F]{64})$/.test(p.fingerprint),
  },
  'allies.list': { policy: 'extension-page', validate: isEmpty },
  'allies.invite': {
    policy: 'extension-page',
    validate: (p): p is RequestOf<'allies.invite'> =>
      hasExactKeys(p, ['caseId', 'scope', 'expiresAt']) &&
      isBoundedString(p.caseId, 1, MAX_CASE_ID_LENGTH) &&
      isBoundedString(p.scope, 1, MAX_SCOPE) &&
      p.scope.trim() !== '' &&
      isBoundedString(p.expiresAt, 1, 64) &&
      !Number.isNaN(Date.parse(p.expiresAt)),
  },
  'allies.check': {
    policy: 'extension-page',
    validate: (p): p is RequestOf<'allies.check'> =>
      hasExactKeys(p, ['armored']) && isBoundedString(p.armored, 1, MAX_INVITATION_LENGTH),
  },
  'allies.accept': {
    policy: 'extension-page',
    validate: (p): p is RequestOf<'allies.accept'> =>
      hasExactKeys(p, ['armored']) && isBoundedString(p.armored, 1, MAX_INVITATION_LENGTH),
  },
  'allies.revoke': {
    policy: 'extension-page',
    validate: (p): p is RequestOf<'allies.revoke'> =>
      hasExactKeys(p, ['sha256']) &&
      typeof p.sha256 === 'string' &&
      /^[0-9a-f]{64}$/.test(p.sha256),
  },
  'cases.list': { policy: 'extension-page', validate: isEmpty },
  'cases.select': {
    policy: 'extension-page',
    validate: (p): p is RequestOf<'cases.select'> =>
      hasExactKeys(p, ['caseId']) && isBoundedString(p.caseId, 1, MAX_CASE_ID_LENGTH),
  },
  'capture.activeTab': { policy: 'extension-page', validate: isEmpty },
  // The picker runs in the page but answers through scripting.executeScript's result, never by
  // message: web pages and content scripts still send nothing here.
  'capture.post': { policy: 'extension-page', validate: isEmpty },
  'capture.thread': { policy: 'extension-page', validate: isEmpty },
  'capture.progress': { policy: 'extension-page', validate: isEmpty },
  'capture.cancel': { policy: 'extension-page', validate: isEmpty },
  'capture.privateWindows': { policy: 'extension-page', validate: isEmpty },
};

/** True when `type` names a message of the protocol (own property, not inherited). */
export function isMessageType(type: unknown): type is MessageType {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(PROTOCOL, type);
}
