// SPDX-License-Identifier: AGPL-3.0-or-later
// Each error has a stable `code` the message router can pass to the UI.
export { DecryptError, WrongPassphraseError, KdfDowngradeError } from '../crypto/index';

function named<T extends Error>(e: T, name: string): T {
  e.name = name;
  return e;
}

export class VaultLockedError extends Error {
  readonly code = 'vault-locked';
  constructor(message = 'The vault is locked') {
    super(message);
    named(this, 'VaultLockedError');
  }
}

export class VaultNotInitializedError extends Error {
  readonly code = 'vault-uninitialized';
  constructor(message = 'No vault has been created yet') {
    super(message);
    named(this, 'VaultNotInitializedError');
  }
}

export class VaultExistsError extends Error {
  readonly code = 'vault-exists';
  constructor(message = 'A vault already exists in this browser profile') {
    super(message);
    named(this, 'VaultExistsError');
  }
}

/** Capture input is inconsistent (a file's bytes do not match the hash or size declared in item.json). */
export class CaptureIntegrityError extends Error {
  readonly code = 'capture-integrity';
  constructor(message: string) {
    super(message);
    named(this, 'CaptureIntegrityError');
  }
}

/** Stored data is missing or does not match its recorded hash: reported, never silently repaired. */
export class VaultCorruptError extends Error {
  readonly code = 'vault-corrupt';
  constructor(message: string) {
    super(message);
    named(this, 'VaultCorruptError');
  }
}

export class ItemNotFoundError extends Error {
  readonly code = 'item-not-found';
  constructor(message: string) {
    super(message);
    named(this, 'ItemNotFoundError');
  }
}

export class CaseNotFoundError extends Error {
  readonly code = 'case-not-found';
  constructor(message: string) {
    super(message);
    named(this, 'CaseNotFoundError');
  }
}

/** The custody log head moved between preparing and committing an event; prepare again. */
export class CustodyConflictError extends Error {
  readonly code = 'custody-conflict';
  constructor(message = 'The custody log changed while this event was being written; try again') {
    super(message);
    named(this, 'CustodyConflictError');
  }
}

/**
 * The vault a capture was begun in is gone (wiped, and perhaps another created since): nothing
 * of the capture is written, so no evidence of the wiped vault ever lands in the new one.
 */
export class VaultReplacedError extends Error {
  readonly code = 'vault-replaced';
  constructor(
    message = 'The vault was wiped while this capture was being made; nothing was saved',
  ) {
    super(message);
    named(this, 'VaultReplacedError');
  }
}

/** A write transaction failed (quota, disk full, browser closing); nothing of it was kept. */
export class VaultWriteError extends Error {
  readonly code: 'vault-write-failed' | 'storage-full' = 'vault-write-failed';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    named(this, 'VaultWriteError');
  }
}

/** A write failed because the disk or the origin's quota is full; nothing of it was kept. */
export class VaultFullError extends VaultWriteError {
  override readonly code = 'storage-full';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    named(this, 'VaultFullError');
  }
}

/** The duress passphrase must differ from the real one, or unlocking would always wipe. */
export class DuressSameAsPassphraseError extends Error {
  readonly code = 'duress-same-passphrase';
  constructor(message = 'The duress passphrase must differ from the vault passphrase') {
    super(message);
    named(this, 'DuressSameAsPassphraseError');
  }
}

/** A capture for an ally's case after the defender's invitation expired: outside the consent. */
export class InvitationExpiredError extends Error {
  readonly code = 'invitation-expired';
  constructor(message: string) {
    super(message);
    named(this, 'InvitationExpiredError');
  }
}

/**
 * A move that would take an ally's captures out of the case their consent names, or put other
 * captures into a case opened from an invitation (docs/allies.md): refused, nothing moved.
 */
export class CaseBoundError extends Error {
  readonly code = 'case-bound';
  constructor(message: string) {
    super(message);
    named(this, 'CaseBoundError');
  }
}

/** No invitation with that hash was issued by this vault. */
export class InvitationNotFoundError extends Error {
  readonly code = 'invitation-not-found';
  constructor(message: string) {
    super(message);
    named(this, 'InvitationNotFoundError');
  }
}
