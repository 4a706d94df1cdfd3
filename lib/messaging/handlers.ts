// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaptureService } from '../capture/capture-tab';
import type { PendingCaptureStore, PendingClaim } from '../capture/pending-capture';
import type { AutoLock } from './auto-lock';
import type {
  PendingCaptureOutcome,
  SettingsPayload,
  SettingsUpdate,
  VaultStatus,
} from './protocol';
import { toWireError, type Handlers } from './router';

/** Error code of a shortcut capture that waited too long for the passphrase. */
export const PENDING_EXPIRED = 'pending-expired';

/** The background's view of the vault (lib/vault satisfies it). */
export interface HandlerVault {
  status(): Promise<VaultStatus>;
  create(input: { passphrase: string; collectorName: string }): Promise<{ fingerprint: string }>;
  unlock(passphrase: string): Promise<void>;
  lock(): Promise<void>;
  settings(): Promise<SettingsPayload>;
  updateSettings(patch: SettingsUpdate): Promise<SettingsPayload | void>;
}

export interface HandlerDeps {
  vault: HandlerVault;
  capture: CaptureService;
  pending: PendingCaptureStore;
  autoLock: AutoLock;
}

// Only the fields the protocol names leave the background, whatever else the vault record holds.
function settingsPayload(s: SettingsPayload): SettingsPayload {
  return { autoLockMinutes: s.autoLockMinutes, reviewImages: s.reviewImages };
}

/** The background's handlers for every message of the protocol. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { vault, capture, pending, autoLock } = deps;

  // Activity and a settings change can arrive together (a click on "save" is both): the
  // queued touch makes the newest setting win.
  const touch = () =>
    autoLock.touch(async () =>
      (await vault.status()) === 'unlocked' ? (await vault.settings()).autoLockMinutes : null,
    );

  async function runPending(claim: PendingClaim): Promise<PendingCaptureOutcome | null> {
    if (claim.state === 'none') return null;
    // Capturing whatever the tab shows now, long after the user asked, could record the wrong page.
    if (claim.state === 'expired') {
      return {
        state: 'error',
        error: {
          code: PENDING_EXPIRED,
          message: 'The capture asked for with the shortcut expired; nothing was captured',
        },
      };
    }
    try {
      return { state: 'done', result: await capture.capture(claim.target) };
    } catch (error) {
      return { state: 'error', error: toWireError(error) };
    }
  }

  return {
    'vault.status': async () => ({
      status: await vault.status(),
      pendingCapture: await pending.has(),
    }),
    'vault.create': async ({ passphrase, collectorName }) => {
      const result = await vault.create({ passphrase, collectorName });
      await touch();
      return { fingerprint: result.fingerprint };
    },
    'vault.unlock': async ({ passphrase }) => {
      await vault.unlock(passphrase);
      await touch();
      return { pendingCapture: await runPending(await pending.claim()) };
    },
    'vault.lock': async () => {
      await vault.lock();
      await autoLock.cancel();
      return {};
    },
    'vault.activity': async () => {
      await touch();
      return {};
    },
    'settings.get': async () => settingsPayload(await vault.settings()),
    'settings.update': async (patch) => {
      await vault.updateSettings(patch);
      await touch();
      return settingsPayload(await vault.settings());
    },
    'capture.activeTab': async () => {
      const result = await capture.capture();
      await touch();
      return result;
    },
  };
}
