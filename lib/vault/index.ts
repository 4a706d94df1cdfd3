// SPDX-License-Identifier: AGPL-3.0-or-later
export { createVault, type Vault, type VaultStatus, type VaultIdentity } from './vault';
export {
  createDb,
  AttestDb,
  DB_NAME,
  SCHEMA_VERSION,
  type AttestDbOptions,
  type HeaderRow,
  type KeyRow,
  type SecretRow,
  type ItemRow,
  type ChunkRow,
  type CustodyRow,
  type ClassificationRow,
  type CaseRow,
  type MembershipRow,
} from './schema';
export { createKeyStore, SESSION_KEY_NAME, type KeyStore, type SessionArea } from './key-store';
export { DEFAULT_SETTINGS, type VaultSettings } from './settings';
export type { SecurityPrefs, UnlockOutcome } from './unlock';
export type { WipeHooks } from './wipe';
export { CHUNK_BYTES } from './blobs';
export type { CaptureInput } from './items';
export type { CaseMove } from './move-items';
export type { ClassificationSaved } from './classifications';
export type { PreparedCustodyEvent, CustodyInput } from './custody-store';
export * from './errors';
export type { RecipientStore } from './recipients';
