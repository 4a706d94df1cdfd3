// SPDX-License-Identifier: AGPL-3.0-or-later

export type VerifyStatus = 'intact' | 'tampered' | 'unreadable';

/** One named check; `message` says what was checked and, on failure, what is wrong. */
export interface VerifyCheck {
  id: string;
  ok: boolean;
  message: string;
}

export interface FileCheck {
  path: string;
  ok: boolean;
  expected?: string;
  actual?: string;
  problem?: string;
}

export interface CustodyReport {
  ok: boolean;
  events: number;
  head?: string;
  expectedHead?: string;
  errors: string[];
}

/** An item's RFC 3161 timestamp as the verifier found it (docs/bundle-format.md §9a). */
export interface TimestampReport {
  itemId: string;
  ok: boolean;
  /** The SHA-256 the token must be for: that of the item's 'captured' custody line. */
  digest?: string;
  /** UTC ISO 8601, from the token. */
  genTime?: string;
  tsaName?: string;
  serial?: string;
  policy?: string;
  /** The root the chain ended at. It came with the bundle: the reader must decide to trust it. */
  root?: { subject: string; sha256: string };
  errors: string[];
}

/** What the verifier found, for the verify page and the CLI alike. */
export interface VerifyReport {
  status: VerifyStatus;
  bundleId?: string;
  fingerprint?: string;
  collector?: { name: string; fingerprint: string };
  checks: VerifyCheck[];
  files: FileCheck[];
  custody: CustodyReport;
  /**
   * Which collector vouches for which item: the signer for its own items and, for items imported
   * from another collector, that collector through its signature under `collectors/`.
   */
  collectors?: Array<{ fingerprint: string; name: string; items: string[]; signer: boolean }>;
  /** Present only when at least one item carries a timestamp. */
  timestamps?: TimestampReport[];
  /** Every failure, one sentence each (empty when intact). */
  errors: string[];
}

/** A check plus the detailed failures behind it. */
export type CheckResult = VerifyCheck & { errors: string[] };

/** Builds a check result: ok when there are no errors; the message lists up to five of them. */
export function check(id: string, okMessage: string, errors: string[]): CheckResult {
  const shown =
    errors.slice(0, 5).join('; ') + (errors.length > 5 ? `; and ${errors.length - 5} more` : '');
  return { id, ok: errors.length === 0, message: errors.length === 0 ? okMessage : shown, errors };
}
