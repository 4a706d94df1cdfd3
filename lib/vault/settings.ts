// SPDX-License-Identifier: AGPL-3.0-or-later

export interface VaultSettings {
  /** Minutes of inactivity before the vault locks itself. */
  autoLockMinutes: number;
}

export const DEFAULT_SETTINGS: Readonly<VaultSettings> = Object.freeze({ autoLockMinutes: 15 });

const MAX_AUTO_LOCK_MINUTES = 24 * 60;

/** Returns only known settings, or throws `RangeError` naming the bad value. */
export function validateSettings(s: VaultSettings): VaultSettings {
  const m = s.autoLockMinutes;
  if (typeof m !== 'number' || !Number.isInteger(m) || m < 1 || m > MAX_AUTO_LOCK_MINUTES) {
    throw new RangeError(
      `autoLockMinutes must be a whole number from 1 to ${MAX_AUTO_LOCK_MINUTES}, got ${String(m)}`,
    );
  }
  return { autoLockMinutes: m };
}
