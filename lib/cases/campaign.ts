// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The campaign view of one case: when the items were posted and captured, which accounts posted
 * them, and the first, latest and most severe items (the minimum set helplines ask for).
 */
import { SEVERITIES } from '../model/classification';
import { timeOf, type DateField, type IndexEntry, type IndexedAccount } from './item-index';

export interface TimelineDay {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  ids: string[];
}

/** Items per UTC day by posted or captured time, oldest day first; `undated` lack that time. */
export function timeline(
  entries: readonly IndexEntry[],
  field: DateField,
): { days: TimelineDay[]; undated: string[] } {
  const byDay = new Map<string, string[]>();
  const undated: string[] = [];
  const sorted = [...entries].sort((a, b) =>
    (timeOf(a, field) ?? '').localeCompare(timeOf(b, field) ?? ''),
  );
  for (const e of sorted) {
    const at = timeOf(e, field);
    if (!at) {
      undated.push(e.id);
      continue;
    }
    const day = at.slice(0, 10);
    const list = byDay.get(day);
    if (list) list.push(e.id);
    else byDay.set(day, [e.id]);
  }
  return { days: [...byDay].map(([day, ids]) => ({ day, ids })), undated };
}

export interface AccountRow extends IndexedAccount {
  count: number;
  /** Earliest and latest posted (else captured) time of its items. */
  first: string;
  last: string;
  /** Highest severity among its classified items. */
  severity?: (typeof SEVERITIES)[number];
  ids: string[];
}

export type AccountSort = 'count' | 'name' | 'first' | 'last' | 'severity';

const severityRank = (s: string | undefined) => (s ? SEVERITIES.indexOf(s as never) + 1 : 0);
const whenOf = (e: IndexEntry) => e.postedAt ?? e.capturedAt;
const nameOf = (a: IndexedAccount) => (a.handle ?? a.displayName ?? a.key).toLowerCase();

/** The accounts that posted the items (the perpetrators list), sorted; ties by name. */
export function accounts(
  entries: readonly IndexEntry[],
  sort: AccountSort = 'count',
): AccountRow[] {
  const rows = new Map<string, AccountRow>();
  for (const e of entries) {
    if (!e.author) continue;
    const at = whenOf(e);
    const row = rows.get(e.author.key);
    if (!row) {
      rows.set(e.author.key, {
        ...e.author,
        count: 1,
        first: at,
        last: at,
        ...(e.severity ? { severity: e.severity } : {}),
        ids: [e.id],
      });
      continue;
    }
    row.count++;
    row.ids.push(e.id);
    if (at < row.first) row.first = at;
    if (at > row.last) row.last = at;
    if (severityRank(e.severity) > severityRank(row.severity)) row.severity = e.severity;
  }
  const byName = (a: AccountRow, b: AccountRow) => nameOf(a).localeCompare(nameOf(b));
  const order: Record<AccountSort, (a: AccountRow, b: AccountRow) => number> = {
    count: (a, b) => b.count - a.count,
    name: () => 0,
    first: (a, b) => a.first.localeCompare(b.first),
    last: (a, b) => b.last.localeCompare(a.last),
    severity: (a, b) => severityRank(b.severity) - severityRank(a.severity),
  };
  return [...rows.values()].sort((a, b) => order[sort](a, b) || byName(a, b));
}

export interface KeyItems {
  first?: string;
  latest?: string;
  /** The highest severity (imminent risk breaking ties), earliest first; none when unclassified. */
  mostSevere?: string;
}

/** The first and latest items (posted time, else captured) and the most severe one. */
export function keyItems(entries: readonly IndexEntry[]): KeyItems {
  let first: IndexEntry | undefined;
  let latest: IndexEntry | undefined;
  let severe: IndexEntry | undefined;
  const rank = (e: IndexEntry) => severityRank(e.severity) * 2 + (e.imminentRisk ? 1 : 0);
  for (const e of entries) {
    const at = whenOf(e);
    if (!first || at < whenOf(first) || (at === whenOf(first) && e.id < first.id)) first = e;
    if (!latest || at > whenOf(latest) || (at === whenOf(latest) && e.id < latest.id)) latest = e;
    if (rank(e) > 0) {
      const better =
        !severe ||
        rank(e) > rank(severe) ||
        (rank(e) === rank(severe) &&
          (at < whenOf(severe) || (at === whenOf(severe) && e.id < severe.id)));
      if (better) severe = e;
    }
  }
  return {
    ...(first ? { first: first.id } : {}),
    ...(latest ? { latest: latest.id } : {}),
    ...(severe ? { mostSevere: severe.id } : {}),
  };
}
