// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaptureRunner } from '../capture/capture-request';
import type { CaptureService } from '../capture/capture-tab';
import { CaptureError } from '../capture/errors';
import type { ThreadCapture } from '../capture/thread-capture';
import type { ThreadProgressStore } from '../capture/thread-progress';
import type { PendingCaptureStore, PendingClaim } from '../capture/pending-capture';
import type { AutoLock } from './auto-lock';
import type {
  CaseSummary,
  PendingCaptureOutcome,
  SettingsPayload,
  SettingsUpdate,
  VaultStatus,
} from './protocol';
import { createAllyHandlers, type AllyVault } from './ally-handlers';
import { createRecipientHandlers, type RecipientVault } from './recipient-handlers';
import { toWireError, type Handlers } from './router';
import { createAfterWipe, createSecurityHandlers, type SecurityVault } from './security-handlers';
import { randomId } from '../crypto/index';
import type { TimestampService } from '../timestamp/service';
import { createTimestampHandlers } from './timestamp-handlers';

/** Error code of a shortcut capture that waited too long for the passphrase. */
export const PENDING_EXPIRED = 'pending-expired';

/** The background's view of the vault (lib/vault satisfies it). */
export interface HandlerVault extends SecurityVault, RecipientVault, AllyVault {
  status(): Promise<VaultStatus>;
  create(input: { passphrase: string; collectorName: string }): Promise<{ fingerprint: string }>;
  /** 'wiped' after the duress passphrase or the last allowed failure. */
  unlock(passphrase: string): Promise<'unlocked' | 'wiped'>;
  lock(): Promise<void>;
  settings(): Promise<SettingsPayload>;
  updateSettings(patch: SettingsUpdate): Promise<SettingsPayload | void>;
  listCases(): Promise<CaseSummary[]>;
  currentCaseId(): Promise<string>;
  selectCase(id: string): Promise<void>;
}

export interface HandlerDeps {
  vault: HandlerVault;
  capture: CaptureService;
  pending: PendingCaptureStore;
  autoLock: AutoLock;
  /** Post and image capture (absent in tests that only exercise the page capture). */
  runner?: CaptureRunner;
  thread?: { capture: ThreadCapture; progress: ThreadProgressStore };
  /** Clears storage.session after a wipe (absent in tests that do not look). */
  clearSession?: () => Promise<void>;
  /** RFC 3161 timestamps (absent in tests that do not exercise them). */
  timestamps?: TimestampService;
  /** Invitation ids and dates (defaults: lib/crypto's randomId and the clock). */
  randomId?: () => string;
  now?: () => Date;
}

/** Error code of a post capture the user cancelled in the picker. */
export const CAPTURE_CANCELLED = 'cancelled';

// Only the fields the protocol names leave the background, whatever else the vault record holds.
function settingsPayload(s: SettingsPayload): SettingsPayload {
  return {
    autoLockMinutes: s.autoLockMinutes,
    reviewImages: s.reviewImages,
    notifierName: s.notifierName,
    notifierEmail: s.notifierEmail,
  };
}

/** The background's handlers for every message of the protocol. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { vault, capture, pending, autoLock, runner, thread } = deps;
  const afterWipe = createAfterWipe(deps);

  function needed<T>(service: T | undefined): T {
    if (!service) throw new CaptureError('script-failed', 'This capture is not available here');
    return service;
  }

  async function requireUnlocked(): Promise<void> {
    // Checked before the picker is shown: a choice the vault cannot take would be wasted effort.
    if ((await vault.status()) !== 'unlocked') {
      throw new CaptureError('vault-locked', 'The vault is locked');
    }
  }

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
      if (!runner) return { state: 'done', result: await capture.capture(claim.target) };
      const outcome = await runner.run(claim.target, claim.request);
      if (outcome.state === 'done') return outcome;
      return {
        state: 'error',
        error: { code: CAPTURE_CANCELLED, message: 'The capture was cancelled' },
      };
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
      // A wipe answers like a success: the page then finds no vault, as on a fresh install.
      if ((await vault.unlock(passphrase)) === 'wiped') {
        await afterWipe();
        return { pendingCapture: null };
      }
      await touch();
      const outcome = await runPending(await pending.claim());
      // What waited while the vault was locked goes now; failures stay queued with their error.
      await deps.timestamps?.flush().catch((e: unknown) => console.error('Timestamps:', e));
      return { pendingCapture: outcome };
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
    ...createSecurityHandlers(deps),
    ...createTimestampHandlers(deps.timestamps),
    ...createRecipientHandlers(vault, touch),
    ...createAllyHandlers(vault, touch, {
      randomId: deps.randomId ?? randomId,
      now: deps.now ?? (() => new Date()),
    }),
    'cases.list': async () => ({
      // Only what the popup shows: no target or notes leave for the popup.
      cases: (await vault.listCases()).map(({ id, title, tlp }) => ({ id, title, tlp })),
      currentId: await vault.currentCaseId(),
    }),
    'cases.select': async ({ caseId }) => {
      await vault.selectCase(caseId);
      await touch();
      return { currentId: await vault.currentCaseId() };
    },
    'capture.activeTab': async () => {
      // The click is the user's activity: the auto-lock timer is re-armed from it, alongside
      // the capture, and before the answer.
      const touched = touch();
      try {
        return await capture.capture();
      } finally {
        await touched;
      }
    },
    'capture.post': async () => {
      await requireUnlocked();
      const target = await capture.resolveTarget();
      const outcome = await needed(runner).run(target, { kind: 'post', at: 'pick' });
      await touch();
      return outcome.state === 'done' ? outcome : { state: 'cancelled' };
    },
    'capture.thread': async () => {
      await requireUnlocked();
      const result = await needed(thread).capture.captureThread(await capture.resolveTarget());
      await touch();
      return result;
    },
    'capture.progress': async () => ({ progress: (await thread?.progress.get()) ?? null }),
    'capture.cancel': async () => ({
      cancelling: (await thread?.progress.requestCancel()) ?? false,
    }),
    'capture.privateWindows': () => capture.privateWindows(),
  };
}
