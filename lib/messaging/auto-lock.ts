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
  /** (Re)starts the idle countdown; called on unlock and on every user activity. */
  reset(minutes: number): Promise<void>;
  cancel(): Promise<void>;
  /** True when an alarm is the auto-lock alarm. */
  isAutoLockAlarm(alarm: { name: string }): boolean;
}

/** Creates the auto-lock scheduler over `browser.alarms`. */
export function createAutoLock(alarms: AlarmsLike): AutoLock {
  return {
    async reset(minutes) {
      await alarms.create(AUTO_LOCK_ALARM, { delayInMinutes: Math.max(1, minutes) });
    },
    async cancel() {
      await alarms.clear(AUTO_LOCK_ALARM);
    },
    isAutoLockAlarm: (alarm) => alarm.name === AUTO_LOCK_ALARM,
  };
}
