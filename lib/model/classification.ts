// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * How the collector classifies one capture for the people who act on it (platforms, helplines,
 * lawyers). Kept apart from the evidence: editing it never changes an evidence file; every edit is
 * a custody event. Exported as `items/<id>/classification.json` (role `classification`).
 * The taxonomy is documented in docs/taxonomy.md.
 */

export const CATEGORIES = [
  'harassment',
  'threat-of-violence',
  'doxxing',
  'impersonation',
  'defamation-smear',
  'hate-speech',
  'coordinated-campaign',
  'image-based-sexual-abuse',
  'sexual-harassment',
  'hacking-account-takeover',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface LegalGround {
  /** ISO 3166 code or a name, e.g. "FR", "EU". */
  jurisdiction: string;
  /** e.g. "Code pénal", "Regulation (EU) 2022/2065". */
  instrument: string;
  /** e.g. "art. 222-33-2-2". */
  article: string;
}

export interface ReportingRecord {
  /** e.g. "X in-app report", "Access Now Helpline", "police". */
  channel: string;
  /** UTC ISO 8601 date or date-time. */
  date: string;
  ticketId?: string;
  outcome?: string;
}

export interface Classification {
  category?: Category;
  severity?: Severity;
  imminentRisk: boolean;
  /**
   * Intimate imagery shared without consent: shown blurred, never included in a platform pack or
   * helpline share (those carry URLs, ids, category and hashes only: SHA-256 and PDQ).
   */
  intimateImagery: boolean;
  notes?: string;
  /** The platform policy line broken, in the platform's words. */
  policy?: string;
  legalGrounds: LegalGround[];
  reporting: ReportingRecord[];
  /** UTC ISO 8601 of the last edit. */
  updatedAt: string;
}

/** A classification with nothing set yet. */
export function emptyClassification(updatedAt: string): Classification {
  return {
    imminentRisk: false,
    intimateImagery: false,
    legalGrounds: [],
    reporting: [],
    updatedAt,
  };
}
