// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  CATEGORIES,
  SEVERITIES,
  type Category,
  type Classification,
  type LegalGround,
  type ReportingRecord,
  type Severity,
  emptyClassification,
} from './classification';

export const MAX_NOTES_LENGTH = 10_000;
export const MAX_FIELD_LENGTH = 500;
export const MAX_ROWS = 50;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function text(v: unknown, what: string, max = MAX_FIELD_LENGTH): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new TypeError(`${what} must be text`);
  const trimmed = v.trim();
  if (trimmed.length > max) throw new RangeError(`${what} is longer than ${max} characters`);
  return trimmed === '' ? undefined : trimmed;
}

function rows<T>(v: unknown, what: string, one: (row: Record<string, unknown>) => T | null): T[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > MAX_ROWS)
    throw new RangeError(`${what} must be a list of at most ${MAX_ROWS} rows`);
  return v.flatMap((row: unknown) => {
    if (!isObject(row)) throw new TypeError(`${what} rows must be objects`);
    const out = one(row);
    return out === null ? [] : [out];
  });
}

function legalGround(row: Record<string, unknown>): LegalGround | null {
  const jurisdiction = text(row.jurisdiction, 'Jurisdiction') ?? '';
  const instrument = text(row.instrument, 'Instrument') ?? '';
  const article = text(row.article, 'Article') ?? '';
  // An empty row left in the form is not a legal ground.
  return jurisdiction || instrument || article ? { jurisdiction, instrument, article } : null;
}

function reportingRecord(row: Record<string, unknown>): ReportingRecord | null {
  const channel = text(row.channel, 'Channel') ?? '';
  const date = text(row.date, 'Date') ?? '';
  const ticketId = text(row.ticketId, 'Ticket id');
  const outcome = text(row.outcome, 'Outcome');
  if (!channel && !date && !ticketId && !outcome) return null;
  return {
    channel,
    date,
    ...(ticketId === undefined ? {} : { ticketId }),
    ...(outcome === undefined ? {} : { outcome }),
  };
}

/**
 * A checked copy of `value` in the fixed key order, text trimmed and empty rows dropped; throws
 * on unknown categories, wrong types or oversize text. The order is fixed because the SHA-256 of
 * the serialised bytes is what the 'annotated' custody event records.
 */
export function normalizeClassification(value: unknown): Classification {
  if (!isObject(value)) throw new TypeError('A classification must be an object');
  const { category, severity } = value;
  if (category !== undefined && !(CATEGORIES as readonly unknown[]).includes(category))
    throw new RangeError(`Unknown category ${JSON.stringify(category)}`);
  if (severity !== undefined && !(SEVERITIES as readonly unknown[]).includes(severity))
    throw new RangeError(`Unknown severity ${JSON.stringify(severity)}`);
  if (typeof value.imminentRisk !== 'boolean' || typeof value.intimateImagery !== 'boolean')
    throw new TypeError('imminentRisk and intimateImagery must be true or false');
  if (typeof value.updatedAt !== 'string' || Number.isNaN(Date.parse(value.updatedAt)))
    throw new TypeError('updatedAt must be an ISO 8601 time');
  const notes = text(value.notes, 'Notes', MAX_NOTES_LENGTH);
  const policy = text(value.policy, 'Policy');
  return {
    ...(category === undefined ? {} : { category: category as Category }),
    ...(severity === undefined ? {} : { severity: severity as Severity }),
    imminentRisk: value.imminentRisk,
    intimateImagery: value.intimateImagery,
    ...(notes === undefined ? {} : { notes }),
    ...(policy === undefined ? {} : { policy }),
    legalGrounds: rows(value.legalGrounds, 'Legal grounds', legalGround),
    reporting: rows(value.reporting, 'Reporting history', reportingRecord),
    updatedAt: value.updatedAt,
  };
}

/** The exact text of `items/<id>/classification.json`: normalised, 2-space JSON, final newline. */
export function classificationJson(c: Classification): string {
  return `${JSON.stringify(normalizeClassification(c), null, 2)}\n`;
}

const FIELDS = [
  'category',
  'severity',
  'imminentRisk',
  'intimateImagery',
  'notes',
  'policy',
  'legalGrounds',
  'reporting',
] as const;

/** Names of the fields that differ; a first classification is compared with an empty one. */
export function changedFields(before: Classification | null, after: Classification): string[] {
  const base = before ?? emptyClassification(after.updatedAt);
  return FIELDS.filter((f) => JSON.stringify(base[f]) !== JSON.stringify(after[f]));
}
