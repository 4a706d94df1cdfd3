// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AutoLock } from './auto-lock';
import type { Empty, MessageType, SecurityPayload } from './protocol';
import type { Handlers } from './router';

/** The vault operations behind panic wipe, duress and lock-out (lib/vault satisfies it). */
export interface SecurityVault {
  wipe(): Promise<void>;
  /** Deletes ciphertext an interrupted wipe left without a header. */
  purgeOrphans(): Promise<boolean>;
  setDuressPassphrase(input: { passphrase: string; duressPassphrase: string }): Promise<void>;
  clearDuressPassphrase(input: { passphrase: string }): Promise<void>;
  securityPrefs(): Promise<SecurityPayload>;
  updateSecurityPrefs(patch: Partial<SecurityPayload>): Promise<SecurityPayload>;
}

export interface SecurityDeps {
  vault: SecurityVault;
  autoLock: AutoLock;
  /** Forgets everything else the extension keeps (storage.session: pending capture, progress). */
  clearSession?: () => Promise<void>;
}

type SecurityMessage =
  'vault.wipe' | 'security.get' | 'security.update' | 'security.setDuress' | 'security.clearDuress';

/** What follows every wipe, whatever started it: nothing of the old session may remain. */
export function createAfterWipe(deps: Omit<SecurityDeps, 'vault'>): () => Promise<void> {
  return async () => {
    await deps.autoLock.cancel();
    await deps.clearSession?.();
  };
}

// Only the fields the protocol names leave the background.
const payload = (p: SecurityPayload): SecurityPayload => ({
  wipeAfterFailedUnlocks: p.wipeAfterFailedUnlocks,
  confirmPanicWipe: p.confirmPanicWipe,
});

/** Handlers for the panic wipe and the security settings. */
export function createSecurityHandlers(
  deps: SecurityDeps,
): Pick<Handlers, SecurityMessage & MessageType> {
  const afterWipe = createAfterWipe(deps);
  const empty: Empty = {};
  return {
    'vault.wipe': async () => {
      await deps.vault.wipe();
      await afterWipe();
      return empty;
    },
    'security.get': async () => payload(await deps.vault.securityPrefs()),
    'security.update': async (patch) => payload(await deps.vault.updateSecurityPrefs(patch)),
    'security.setDuress': async (input) => {
      await deps.vault.setDuressPassphrase(input);
      return empty;
    },
    'security.clearDuress': async (input) => {
      await deps.vault.clearDuressPassphrase(input);
      return empty;
    },
  };
}
