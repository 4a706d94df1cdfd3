// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaptureRequest, CaptureRunner } from '../capture/capture-request';
import type { CaptureService, CaptureTarget } from '../capture/capture-tab';
import type { PendingCaptureStore } from '../capture/pending-capture';
import type { AutoLock } from './auto-lock';
import type { HandlerVault } from './handlers';

export type CommandOutcome =
  'captured' | 'cancelled' | 'unlock-requested' | 'setup-requested' | 'failed';

export interface CaptureCommandDeps {
  vault: Pick<HandlerVault, 'status' | 'settings'>;
  capture: CaptureService;
  pending: PendingCaptureStore;
  autoLock: AutoLock;
  windows: {
    create(data: { url: string; type: 'popup'; width: number; height: number }): Promise<unknown>;
  };
  tabs: { create(data: { url: string }): Promise<unknown> };
  /** Absolute URL of vault.html. */
  vaultUrl: string;
  /** What to capture (default: the page) and who runs it (default: the page capture). */
  request?: CaptureRequest;
  runner?: CaptureRunner;
  /** The tab the user acted on (a context menu knows it); default: the active tab. */
  target?: CaptureTarget;
}

/**
 * The keyboard shortcut: capture at once when unlocked; when locked, remember the target tab in
 * storage.session and ask for the passphrase in a small window (the capture runs after unlock).
 */
export async function runCaptureCommand(deps: CaptureCommandDeps): Promise<CommandOutcome> {
  try {
    const status = await deps.vault.status();
    if (status === 'uninitialized') {
      await deps.tabs.create({ url: deps.vaultUrl });
      return 'setup-requested';
    }
    const target = deps.target ?? (await deps.capture.resolveTarget());
    if (status === 'locked') {
      await deps.pending.put(target, deps.request);
      await deps.windows.create({
        url: `${deps.vaultUrl}#unlock`,
        type: 'popup',
        width: 480,
        height: 640,
      });
      return 'unlock-requested';
    }
    const outcome = deps.runner
      ? await deps.runner.run(target, deps.request ?? { kind: 'page' })
      : { state: 'done', result: await deps.capture.capture(target) };
    await deps.autoLock.touch(async () => (await deps.vault.settings()).autoLockMinutes);
    return outcome.state === 'done' ? 'captured' : 'cancelled';
  } catch (error) {
    console.error('Attest capture failed', error);
    return 'failed';
  }
}

interface BadgeApi {
  setBadgeText(details: { text: string }): Promise<void> | void;
  setBadgeBackgroundColor?(details: { color: string }): Promise<void> | void;
}

/**
 * Shows the shortcut's outcome on the toolbar button. MV3 has `action`, Firefox's MV2 build
 * `browserAction`; whichever exists is used.
 */
export async function reportCommandOutcome(
  api: { action?: unknown; browserAction?: unknown },
  outcome: CommandOutcome,
): Promise<void> {
  const badge = (api.action ?? api.browserAction) as BadgeApi | undefined;
  if (!badge || !['captured', 'failed'].includes(outcome)) return;
  await badge.setBadgeBackgroundColor?.({ color: outcome === 'captured' ? '#1a7f37' : '#b42318' });
  await badge.setBadgeText({ text: outcome === 'captured' ? '✓' : '!' });
}
