// SPDX-License-Identifier: AGPL-3.0-or-later

/** Known event types; new ones are added here (the verifier accepts any string, see chain.ts). */
export type CustodyEventType =
  | 'vault-created'
  | 'captured'
  | 'exported'
  | 'annotated'
  | 'handed-over'
  | 'case-created'
  | 'case-updated'
  | 'case-moved'
  | 'timestamped'
  | 'invitation-issued'
  | 'invitation-accepted'
  | 'invitation-revoked'
  | 'deleted'
  | 'imported';

/** 'vault-created': the collector key, which is public anyway (it ships in every bundle). */
export interface VaultCreatedDetails {
  fingerprint: string;
}

/** 'captured': paths and hashes only. No URL or title: the log travels with every bundle. */
export interface CapturedDetails {
  files: Array<{ path: string; sha256: string }>;
}

/** 'exported': which items went into which bundle. */
export interface ExportedDetails {
  bundleId: string;
  items: string[];
  /** Fingerprints of the keys the bundle was encrypted to, when it was handed over encrypted. */
  recipients?: string[];
}

/** 'handed-over': the encrypted file saved for recipients (fingerprints only, no names). */
export interface HandedOverDetails {
  bundleId: string;
  file: string;
  /** SHA-256 of the encrypted file as saved. */
  sha256: string;
  recipients: string[];
}

/**
 * 'annotated': the item's classification changed. Field names and the SHA-256 of the new
 * `classification.json` bytes only: notes, policy lines and legal grounds are plaintext the log
 * must not carry (it travels with every bundle).
 */
export interface AnnotatedDetails {
  itemId: string;
  fields: string[];
  sha256: string;
  /** Set when the classification came with an ally's hand-over: that bundle's id. */
  bundleId?: string;
}

/**
 * 'case-created' and 'case-updated': the case's opaque id and, for an edit, the names of the
 * fields that changed. Never the title, target or notes (the log travels with every bundle).
 */
export interface CaseCreatedDetails {
  caseId: string;
}
export interface CaseUpdatedDetails {
  caseId: string;
  fields: string[];
}

/**
 * 'case-moved': captures put in case `caseId`, each with the case it left. Opaque ids only,
 * never a title (the log travels with every bundle).
 */
export interface CaseMovedDetails {
  caseId: string;
  items: Array<{ itemId: string; from: string }>;
}

/**
 * 'timestamped': an RFC 3161 authority's token was received and checked for the item. `sha256` is
 * the digest that was sent (that of the item's 'captured' line, the only thing the authority saw);
 * `token` is the SHA-256 of the reply as received (the bundle's `timestamp.tsr`).
 */
export interface TimestampedDetails {
  itemId: string;
  sha256: string;
  genTime: string;
  tsa: string;
  token: string;
}

/**
 * 'invitation-issued' (defender) and 'invitation-accepted' (ally): the case, the SHA-256 of the
 * invitation's signed text, its expiry and the other side's key. Never the scope or case title.
 */
export interface InvitationDetails {
  caseId: string;
  invitation: string;
  expiresAt: string;
  /** The defender's fingerprint, in the ally's log. */
  defender?: string;
}

/** 'invitation-revoked' (defender): the SHA-256 of the invitation's signed text, nothing else. */
export interface InvitationRevokedDetails {
  invitation: string;
}

/** 'deleted': the ally's local copies removed after a hand-over (ids only). */
export interface DeletedDetails {
  caseId: string;
  bundleId: string;
  reason: 'handed-over';
  items: string[];
}

/**
 * 'imported': a hand-over verified and stored. The bundle's id and the SHA-256 of the verified ZIP
 * and of the encrypted file as received, the collector who signed it, and the items it held.
 */
export interface ImportedDetails {
  caseId: string;
  bundleId: string;
  sha256: string;
  file: string;
  collector: string;
  invitation: string;
  items: string[];
  /** The items whose RFC 3161 receipts came with the hand-over (kept as the ally made them). */
  timestamped?: string[];
}

export type CustodyDetails =
  | VaultCreatedDetails
  | CapturedDetails
  | ExportedDetails
  | AnnotatedDetails
  | HandedOverDetails
  | CaseCreatedDetails
  | CaseUpdatedDetails
  | CaseMovedDetails
  | TimestampedDetails
  | InvitationDetails
  | InvitationRevokedDetails
  | DeletedDetails
  | ImportedDetails;

/**
 * One line of `custody-log.jsonl`. Key order is fixed (seq, at, type, itemId?, details, prev)
 * because the exact line bytes are what the next line's `prev` hashes.
 */
export interface CustodyEvent {
  seq: number;
  /** UTC ISO 8601. */
  at: string;
  type: CustodyEventType;
  itemId?: string;
  details: CustodyDetails;
  /** Lower-case hex SHA-256 of the previous line's UTF-8 bytes; 64 zeros for seq 0. */
  prev: string;
}

export interface CustodyEventInput {
  at: string;
  type: CustodyEventType;
  itemId?: string;
  details: CustodyDetails;
}

export interface ChainReport {
  ok: boolean;
  errors: string[];
  /** SHA-256 of the last line (64 zeros for an empty log). */
  head: string;
}
