// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import type { AutoLock } from '../../lib/messaging/auto-lock';
import {
  PANIC_CONFIRM_HASH,
  listenForLockAndPanic,
  type LockAndPanicApi,
} from '../../lib/messaging/lock-listeners';

function setup(confirmPanicWipe: boolean) {
  const calls: string[] = [];
  const listeners: { idle?: (s: string) => Promise<void>; command?: (c: string) => Promise<void> } =
    {};
  const api: LockAndPanicApi = {
    commands: { onCommand: { addListener: (l) => void (listeners.command = l) } },
    windows: {
      create: (data) => {
        calls.push(`window ${data.url}`);
        return Promise.resolve({});
      },
    },
    idle: { onStateChanged: { addListener: (l) => void (listeners.idle = l) } },
  };
  const record = (name: string) => () => {
    calls.push(name);
    return Promise.resolve();
  };
  const autoLock = { cancel: record('autoLock.cancel') } as unknown as AutoLock;
  listenForLockAndPanic(api, {
    vault: {
      lock: record('lock'),
      wipe: record('wipe'),
      purgeOrphans: () => (calls.push('purgeOrphans'), Promise.resolve(false)),
      securityPrefs: () => Promise.resolve({ confirmPanicWipe }),
    },
    autoLock,
    clearSession: record('clearSession'),
    vaultUrl: 'chrome-extension://id/vault.html',
  });
  return { calls, listeners };
}

describe('lock and panic listeners', () => {
  it('finish an interrupted wipe on every start', () => {
    expect(setup(true).calls).toEqual(['purgeOrphans']);
  });

  it('lock when the system locks, and only then', async () => {
    const { calls, listeners } = setup(true);
    await listeners.idle!('idle');
    await listeners.idle!('active');
    expect(calls).toEqual(['purgeOrphans']);
    await listeners.idle!('locked');
    expect(calls).toEqual(['purgeOrphans', 'lock', 'autoLock.cancel']);
  });

  it('panic shortcut: one confirmation window, or a wipe at once when turned off', async () => {
    const asking = setup(true);
    await asking.listeners.command!('capture-page');
    await asking.listeners.command!('panic-wipe');
    expect(asking.calls).toEqual([
      'purgeOrphans',
      `window chrome-extension://id/vault.html${PANIC_CONFIRM_HASH}`,
    ]);
    const direct = setup(false);
    await direct.listeners.command!('panic-wipe');
    expect(direct.calls).toEqual(['purgeOrphans', 'wipe', 'autoLock.cancel', 'clearSession']);
  });
});
