// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * A case groups the captures of one campaign against one target. Every capture belongs to exactly
 * one case; the default case holds captures made before cases existed and those made before the
 * user created another.
 */

/** TLP 2.0 (FIRST) sharing levels, from widest to narrowest. */
export const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type TlpLevel = (typeof TLP_LEVELS)[number];
export const DEFAULT_TLP: TlpLevel = 'AMBER';

/** The id of the case that exists in every vault. Opaque like every other id. */
export const DEFAULT_CASE_ID = 'default';

export const MAX_CASE_TITLE = 200;
export const MAX_CASE_TARGET = 200;
export const MAX_CASE_NOTES = 20_000;

/** What the user edits. */
export interface CaseFields {
  title: string;
  /** Name or pseudonym of the person or group attacked. */
  target: string;
  notes: string;
  tlp: TlpLevel;
}

/** What the vault keeps (sealed) for one case. */
export interface CaseRecord extends CaseFields {
  id: string;
  /** UTC ISO 8601. */
  createdAt: string;
  updatedAt: string;
}

/** True for a value `tlp` may hold. */
export function isTlpLevel(value: unknown): value is TlpLevel {
  return typeof value === 'string' && (TLP_LEVELS as readonly string[]).includes(value);
}

function boundedText(value: unknown, max: number, name: string): string {
  if (typeof value !== 'string') throw new RangeError(`Case ${name} must be text`);
  const text = value.trim();
  if (text.length > max) throw new RangeError(`Case ${name} is longer than ${max} characters`);
  return text;
}

/** Returns only the known fields, trimmed, or throws `RangeError` naming the bad one. */
export function normalizeCaseFields(value: CaseFields): CaseFields {
  if (!isTlpLevel(value.tlp)) throw new RangeError(`Unknown TLP level ${String(value.tlp)}`);
  return {
    title: boundedText(value.title, MAX_CASE_TITLE, 'title'),
    target: boundedText(value.target, MAX_CASE_TARGET, 'target'),
    notes: boundedText(value.notes, MAX_CASE_NOTES, 'notes'),
    tlp: value.tlp,
  };
}

/** The names of the fields that differ (for the custody log, which never holds their values). */
export function changedCaseFields(before: CaseFields, after: CaseFields): string[] {
  return (['title', 'target', 'notes', 'tlp'] as const).filter((k) => before[k] !== after[k]);
}
