// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  isNotifierEmail,
  isNotifierName,
  MAX_EMAIL_LENGTH,
  MAX_NOTIFIER_NAME_LENGTH,
} from '../model/notifier';

/** How captured images first appear when reviewing: veiled until asked for, or as captured. */
export type ReviewImages = 'blurred' | 'shown';
export const REVIEW_IMAGES: readonly ReviewImages[] = Object.freeze(['blurred', 'shown']);

export interface VaultSettings {
  /** Minutes of inactivity before the vault locks itself. */
  autoLockMinutes: number;
  /** Reviewing abuse re-traumatises, so images start blurred unless the user chose otherwise. */
  reviewImages: ReviewImages;
  /** Who signs platform notices; '' means the collector's name (lib/model/notifier.ts). */
  notifierName: string;
  /** The notifier's email for DSA Art. 16 notices; '' when not given (the notice says so). */
  notifierEmail: string;
}

// Vaults saved before a field existed get its default when read (the reader spreads these
// defaults under the stored record), so adding a field needs no migration.
export const DEFAULT_SETTINGS: Readonly<VaultSettings> = Object.freeze({
  autoLockMinutes: 15,
  reviewImages: 'blurred',
  notifierName: '',
  notifierEmail: '',
});

const MAX_AUTO_LOCK_MINUTES = 24 * 60;

/** True for a value `reviewImages` may hold. */
export function isReviewImages(value: unknown): value is ReviewImages {
  return typeof value === 'string' && (REVIEW_IMAGES as readonly string[]).includes(value);
}

/** Returns only known settings, or throws `RangeError` naming the bad value. */
export function validateSettings(s: VaultSettings): VaultSettings {
  const m = s.autoLockMinutes;
  if (typeof m !== 'number' || !Number.isInteger(m) || m < 1 || m > MAX_AUTO_LOCK_MINUTES) {
    throw new RangeError(
      `autoLockMinutes must be a whole number from 1 to ${MAX_AUTO_LOCK_MINUTES}, got ${String(m)}`,
    );
  }
  if (!isReviewImages(s.reviewImages)) {
    throw new RangeError(
      `reviewImages must be one of ${REVIEW_IMAGES.join(', ')}, got ${String(s.reviewImages)}`,
    );
  }
  if (!isNotifierName(s.notifierName))
    throw new RangeError(
      `notifierName must be at most ${MAX_NOTIFIER_NAME_LENGTH} characters without surrounding spaces`,
    );
  if (!isNotifierEmail(s.notifierEmail))
    throw new RangeError(
      `notifierEmail must be empty or an email address of at most ${MAX_EMAIL_LENGTH} characters`,
    );
  return {
    autoLockMinutes: m,
    reviewImages: s.reviewImages,
    notifierName: s.notifierName,
    notifierEmail: s.notifierEmail,
  };
}
