// SPDX-License-Identifier: AGPL-3.0-or-later
import { t } from '../lib/i18n';

const MESSAGES: Record<string, string> = {
  WrongPassphraseError: 'errorWrongPassphrase',
  'wrong-passphrase': 'errorWrongPassphrase',
  'kdf-downgrade': 'errorVaultCorrupt',
  'vault-corrupt': 'errorVaultCorrupt',
  'decrypt-failed': 'errorVaultCorrupt',
  'capture-integrity': 'errorCommitFailed',
  'vault-write-failed': 'errorCommitFailed',
  'custody-conflict': 'errorCustodyConflict',
  'vault-exists': 'errorVaultExists',
  'case-bound': 'errorCaseBound',
  'invitation-not-found': 'errorInvitationNotFound',
  VaultLockedError: 'errorVaultLocked',
  'vault-locked': 'errorVaultLocked',
  'pending-expired': 'errorPendingExpired',
  cancelled: 'captureCancelled',
  'restricted-page': 'errorRestrictedPage',
  'no-tab': 'errorNoTab',
  'tab-changed': 'errorTabChanged',
  'script-failed': 'errorScriptFailed',
  'screenshot-failed': 'errorScreenshotFailed',
  'storage-full': 'errorStorageFull',
  'commit-failed': 'errorCommitFailed',
  ExportError: 'errorExportRefused',
  'recipient-private-key': 'recipientErrorPrivate',
  'recipient-not-one-key': 'recipientErrorNotOne',
  'recipient-unreadable': 'recipientErrorUnreadable',
  'recipient-expired': 'recipientErrorExpired',
  'recipient-revoked': 'recipientErrorRevoked',
  'recipient-cannot-encrypt': 'recipientErrorCannotEncrypt',
  'recipient-duplicate': 'recipientErrorDuplicate',
  'timestamp-url-invalid': 'timestampsUrlInvalid',
  'timestamp-url-missing': 'timestampsUrlMissing',
  'timestamp-roots-invalid': 'timestampsRootsInvalid',
  'timestamp-roots-missing': 'timestampsRootsMissing',
  'forbidden-sender': 'errorInternal',
  'unknown-type': 'errorInternal',
  'bad-payload': 'errorInternal',
};

/** A localized explanation of a failure, with the technical detail kept for support. */
export function errorText(error: unknown): string {
  const code =
    typeof error === 'object' && error !== null
      ? ((error as { code?: unknown }).code ?? (error as { name?: unknown }).name)
      : undefined;
  const detail = error instanceof Error ? error.message : String(error);
  const key = typeof code === 'string' ? MESSAGES[code] : undefined;
  return key ? `${t(key)} (${detail})` : t('errorGeneric', detail);
}
