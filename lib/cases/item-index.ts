// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The in-memory index of a vault's captures, built after unlock from the decrypted item records,
 * classifications and case memberships (never from evidence files) and dropped with the page.
 * Nothing of it is written anywhere.
 */
import type { Category, Classification, Severity } from '../model/classification';
import { DEFAULT_CASE_ID } from '../model/case';
import type { ItemRecord, PostAuthor } from '../model/item';

export interface IndexedAccount {
  /** Stable within a platform: the account id, else the handle, else the name shown. */
  key: string;
  platform: string;
  handle?: string;
  displayName?: string;
  url?: string;
}

export interface IndexEntry {
  id: string;
  caseId: string;
  capturedAt: string;
  postedAt?: string;
  platform: string;
  title: string;
  url: string;
  author?: IndexedAccount;
  category?: Category;
  severity?: Severity;
  imminentRisk: boolean;
  intimate: boolean;
  /** Lower-cased haystacks, computed once so a search is one pass of `includes`. */
  search: { all: string; url: string; author: string };
}

export type DateField = 'captured' | 'posted';

export interface ItemQuery {
  caseId?: string;
  /** Matches title, post text, URLs and author. */
  text?: string;
  url?: string;
  author?: string;
  platform?: string;
  category?: string;
  /** `YYYY-MM-DD`, inclusive, UTC days. */
  from?: string;
  to?: string;
  dateField?: DateField;
}

function accountOf(platform: string, a: PostAuthor | undefined): IndexedAccount | undefined {
  const id = a?.id ?? a?.handle ?? a?.displayName;
  if (!a || !id) return undefined;
  return {
    key: `${platform}:${id.toLowerCase()}`,
    platform,
    ...(a.handle ? { handle: a.handle } : {}),
    ...(a.displayName ? { displayName: a.displayName } : {}),
    ...(a.url ? { url: a.url } : {}),
  };
}

const lower = (parts: Array<string | undefined>) =>
  parts
    .filter((p): p is string => !!p)
    .join('\n')
    .toLowerCase();

/** One entry per record; newest capture first. */
export function buildIndex(
  records: readonly ItemRecord[],
  classifications: ReadonlyMap<string, Classification>,
  cases: ReadonlyMap<string, string>,
): IndexEntry[] {
  const out = records.map(({ item }): IndexEntry => {
    const post = item.post;
    const platform = post?.platform ?? '';
    const author = accountOf(platform, post?.author);
    const c = classifications.get(item.id);
    const authorText = lower([post?.author?.handle, post?.author?.displayName, post?.author?.id]);
    const urls = lower([item.source.url, item.source.finalUrl, post?.url]);
    return {
      id: item.id,
      caseId: cases.get(item.id) ?? DEFAULT_CASE_ID,
      capturedAt: item.capturedAt,
      ...(post?.postedAt ? { postedAt: post.postedAt } : {}),
      platform,
      title: item.source.title,
      url: post?.url ?? item.source.url,
      ...(author ? { author } : {}),
      ...(c?.category ? { category: c.category } : {}),
      ...(c?.severity ? { severity: c.severity } : {}),
      imminentRisk: c?.imminentRisk ?? false,
      // Veiled everywhere, like the classification form's isIntimate.
      intimate: c?.intimateImagery === true || c?.category === 'image-based-sexual-abuse',
      search: {
        all: lower([item.source.title, post?.title, post?.text, urls, authorText]),
        url: urls,
        author: authorText,
      },
    };
  });
  return out.sort((a, b) => b.capturedAt.localeCompare(a.capturedAt) || a.id.localeCompare(b.id));
}

/** The index after captures moved to case `to`: the same entries, in the same order. */
export function moveEntries(
  entries: readonly IndexEntry[],
  itemIds: readonly string[],
  to: string,
): IndexEntry[] {
  const moved = new Set(itemIds);
  return entries.map((e) => (moved.has(e.id) && e.caseId !== to ? { ...e, caseId: to } : e));
}

/** The time a date filter or timeline uses; posted time may be unknown. */
export function timeOf(e: IndexEntry, field: DateField): string | undefined {
  return field === 'posted' ? e.postedAt : e.capturedAt;
}

/** The entries matching every given criterion, in index order. */
export function filterEntries(entries: readonly IndexEntry[], q: ItemQuery): IndexEntry[] {
  const text = q.text?.trim().toLowerCase();
  const url = q.url?.trim().toLowerCase();
  const author = q.author?.trim().toLowerCase();
  const field = q.dateField ?? 'captured';
  const from = q.from ? `${q.from}T00:00:00.000Z` : undefined;
  // Any time on the `to` day sorts before the next day.
  const to = q.to ? `${q.to}T99` : undefined;
  return entries.filter((e) => {
    if (q.caseId !== undefined && e.caseId !== q.caseId) return false;
    if (q.platform && e.platform !== q.platform) return false;
    if (q.category && e.category !== q.category) return false;
    if (text && !e.search.all.includes(text)) return false;
    if (url && !e.search.url.includes(url)) return false;
    if (author && !e.search.author.includes(author)) return false;
    if (from || to) {
      const at = timeOf(e, field);
      if (!at || (from && at < from) || (to && at > to)) return false;
    }
    return true;
  });
}

/** Distinct platforms and categories present, for the filter menus. */
export function facets(entries: readonly IndexEntry[]): {
  platforms: string[];
  categories: string[];
} {
  const platforms = new Set<string>();
  const categories = new Set<string>();
  for (const e of entries) {
    if (e.platform) platforms.add(e.platform);
    if (e.category) categories.add(e.category);
  }
  return { platforms: [...platforms].sort(), categories: [...categories].sort() };
}

/** Page `page` (from 0) of `size` entries, and how many pages there are (at least 1). */
export function paginate<T>(
  list: readonly T[],
  page: number,
  size: number,
): { rows: T[]; pages: number; page: number } {
  const pages = Math.max(1, Math.ceil(list.length / size));
  const p = Math.min(Math.max(0, page), pages - 1);
  return { rows: list.slice(p * size, p * size + size), pages, page: p };
}
