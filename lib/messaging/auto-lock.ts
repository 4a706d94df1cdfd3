// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Auto-lock through the alarms API: a timer would die with the service worker, an alarm does not.
 */

export const AUTO_LOCK_ALARM = 'attest-auto-lock';

export interface AlarmsLike {
  create(name: string, info: { delayInMinutes: number }): Promise<void> | void;
  clear(name: string): Promise<boolean>;
}

export interface AutoLock {
  /** (Re)starts the idle countdown at `minutes`. */
  reset(minutes: number): Promise<void>;
  /**
   * Restarts the countdown at the minutes `read` returns (null: the vault is locked, leave it).
   * Calls run one after another, so a read of the old setting cannot land after a newer one.
   */
  touch(read: () => Promise<number | null>): Promise<void>;
  cancel(): Promise<void>;
  /** True when an alarm is the auto-lock alarm. */
  isAutoLockAlarm(alarm: { name: string }): boolean;
}

/** Creates the auto-lock scheduler over `browser.alarms`. */
export function createAutoLock(alarms: AlarmsLike): AutoLock {
  const reset = async (minutes: number) => {
    await alarms.create(AUTO_LOCK_ALARM, { delayInMinutes: Math.max(1, minutes) });
  };
  // Only orders calls in flight; it holds no state a restarted worker would need.
  let queue: Promise<void> = Promise.resolve();
  return {
    reset,
    touch(read) {
      const run = queue.then(async () => {
        const minutes = await read();
        if (minutes !== null) await reset(minutes);
      });
      queue = run.catch(() => undefined);
      return run;
    },
    async cancel() {
      await alarms.clear(AUTO_LOCK_ALARM);
    },
    isAutoLockAlarm: (alarm) => alarm.name === AUTO_LOCK_ALARM,
  };
}
