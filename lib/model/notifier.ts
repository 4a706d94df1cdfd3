// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Who sends the platform notices (DSA Art. 16(2)(c) asks for a name and an email address). Kept
 * in the vault's sealed settings; an empty name means the collector's name.
 */

export const MAX_NOTIFIER_NAME_LENGTH = 200;
/** RFC 5321's limit on a forward path, which bounds any usable address. */
export const MAX_EMAIL_LENGTH = 254;

// One @, a dot in the domain, no spaces, quotes or angle brackets: what a platform's web form
// accepts. Stricter RFC 5322 forms (quoted local parts) are refused rather than half-supported.
const EMAIL = /^[^\s@"<>(),;:\\[\]]+@[^\s@"<>(),;:\\[\]]+\.[^\s@"<>(),;:\\[\].]+$/;

/** True for an address of the usual `local@domain.tld` shape, at most 254 characters. */
export function isEmailAddress(value: string): boolean {
  return value.length <= MAX_EMAIL_LENGTH && EMAIL.test(value) && !value.includes('..');
}

/** True for a value the notifier fields may hold: empty (not given) or well formed. */
export function isNotifierEmail(value: unknown): value is string {
  return typeof value === 'string' && (value === '' || isEmailAddress(value));
}

export function isNotifierName(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length <= MAX_NOTIFIER_NAME_LENGTH && value.trim() === value
  );
}

/** The notifier the notices name: the saved name (else the collector's) and email, if any. */
export function resolveNotifier(
  saved: { notifierName: string; notifierEmail: string },
  collectorName: string,
): { name: string; email?: string } {
  const name = saved.notifierName || collectorName;
  return saved.notifierEmail ? { name, email: saved.notifierEmail } : { name };
}
