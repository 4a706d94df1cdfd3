// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AutoLock } from './auto-lock';
import { createAfterWipe } from './security-handlers';

interface ApiEvent<L> {
  addListener(listener: L): void;
}

/** The parts of the WebExtension API that lock, resume a wipe and answer the panic shortcut. */
export interface LockAndPanicApi {
  commands: { onCommand: ApiEvent<(command: string) => Promise<void>> };
  windows: {
    create(data: { url: string; type: 'popup'; width?: number; height?: number }): Promise<unknown>;
  };
  idle?: { onStateChanged: ApiEvent<(state: string) => Promise<void>> };
  storage?: { session: { clear(): Promise<void> } };
}

export interface LockAndPanicDeps {
  vault: {
    lock(): Promise<void>;
    wipe(): Promise<void>;
    purgeOrphans(): Promise<boolean>;
    securityPrefs(): Promise<{ confirmPanicWipe: boolean }>;
  };
  autoLock: AutoLock;
  clearSession?: () => Promise<void>;
  vaultUrl: string;
}

/** The command in wxt.config.ts (suggested key Alt+Shift+Q; see docs/threat-model.md). */
export const PANIC_WIPE_COMMAND = 'panic-wipe';
/** The vault page opened on this hash asks once, then wipes. */
export const PANIC_CONFIRM_HASH = '#panic-wipe';

/**
 * Locks when the operating system locks the screen, finishes a wipe a killed browser interrupted
 * (on every service worker start: cheap when there is nothing to do), and answers the panic
 * shortcut: a wipe at once, or one confirmation window when the user kept it.
 */
export function listenForLockAndPanic(api: LockAndPanicApi, deps: LockAndPanicDeps): void {
  const { vault, autoLock } = deps;
  const afterWipe = createAfterWipe(deps);
  void vault.purgeOrphans().catch((e: unknown) => console.error('Attest: resuming a wipe', e));
  api.idle?.onStateChanged.addListener(async (state) => {
    if (state !== 'locked') return;
    await vault.lock();
    await autoLock.cancel();
  });
  api.commands.onCommand.addListener(async (command) => {
    if (command !== PANIC_WIPE_COMMAND) return;
    if ((await vault.securityPrefs()).confirmPanicWipe) {
      await api.windows.create({
        url: `${deps.vaultUrl}${PANIC_CONFIRM_HASH}`,
        type: 'popup',
        width: 420,
        height: 320,
      });
      return;
    }
    await vault.wipe();
    await afterWipe();
  });
}
