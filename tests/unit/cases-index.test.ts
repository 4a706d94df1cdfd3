// SPDX-License-Identifier: AGPL-3.0-or-later
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { accounts, keyItems, timeline } from '../../lib/cases/campaign';
import {
  buildIndex,
  facets,
  filterEntries,
  paginate,
  type IndexEntry,
} from '../../lib/cases/item-index';
import { DEFAULT_CASE_ID } from '../../lib/model/case';
import type { PostFields } from '../../lib/model/item';
import {
  PASSPHRASE,
  createHarness,
  sampleCapture,
  type VaultHarness,
} from './support/vault-fixtures';

// A small campaign: two accounts on X, one on Mastodon, a page with no post, across two cases.
const POSTS: Array<{ id: string; inCase: boolean; capturedAt: string; post?: PostFields }> = [
  {
    id: 'x1',
    inCase: true,
    capturedAt: '2025-03-03T09:00:00.000Z',
    post: {
      platform: 'x',
      url: 'https://x.example/troll_one/status/1',
      text: 'You will regret speaking out',
      postedAt: '2025-03-01T22:10:00.000Z',
      author: { handle: '@troll_one', displayName: 'Troll One', id: '111' },
    },
  },
  {
    id: 'x2',
    inCase: true,
    capturedAt: '2025-03-03T09:05:00.000Z',
    post: {
      platform: 'x',
      url: 'https://x.example/troll_one/status/2',
      text: 'We know where you live',
      postedAt: '2025-03-02T08:00:00.000Z',
      author: { handle: '@Troll_One', displayName: 'Troll One', id: '111' },
    },
  },
  {
    id: 'x3',
    inCase: true,
    capturedAt: '2025-03-04T10:00:00.000Z',
    post: {
      platform: 'x',
      url: 'https://x.example/second/status/3',
      text: 'Liar',
      postedAt: '2025-03-03T12:00:00.000Z',
      author: { handle: '@second', id: '222' },
    },
  },
  {
    id: 'm1',
    inCase: true,
    capturedAt: '2025-03-05T10:00:00.000Z',
    post: {
      platform: 'mastodon',
      url: 'https://social.example/@third/9',
      text: 'Doxxing thread',
      postedAt: '2025-02-27T07:00:00.000Z',
      author: { handle: '@third@social.example' },
    },
  },
  { id: 'page', inCase: true, capturedAt: '2025-03-06T10:00:00.000Z' },
  { id: 'elsewhere', inCase: false, capturedAt: '2025-03-07T10:00:00.000Z' },
];

let h: VaultHarness;
let caseId: string;
let index: IndexEntry[];
const ids = (list: readonly IndexEntry[]) => list.map((e) => e.id).sort();

beforeAll(async () => {
  fakeBrowser.reset();
  h = createHarness();
  await h.vault.create({ passphrase: PASSPHRASE, collectorName: 'Ana' });
  caseId = (await h.vault.createCase({ title: 'Campaign', target: 'Ana', notes: '', tlp: 'AMBER' }))
    .id;
  for (const p of POSTS) {
    const { item, files } = await sampleCapture({ id: p.id, capturedAt: p.capturedAt });
    if (p.post) item.post = p.post;
    else delete item.post;
    await h.vault.commitCapture({ item, files, caseId: p.inCase ? caseId : DEFAULT_CASE_ID });
  }
  const base = { imminentRisk: false, intimateImagery: false, legalGrounds: [], reporting: [] };
  await h.vault.saveClassification('x2', { ...base, category: 'doxxing', severity: 'high' });
  await h.vault.saveClassification('m1', {
    ...base,
    category: 'doxxing',
    severity: 'high',
    imminentRisk: true,
  });
  await h.vault.saveClassification('x3', {
    ...base,
    category: 'defamation-smear',
    severity: 'low',
  });
  const [records, classifications, cases] = await Promise.all([
    h.vault.listItems(),
    h.vault.listClassifications(),
    h.vault.itemCases(),
  ]);
  index = buildIndex(records, classifications, cases);
});

describe('the item index over a real vault', () => {
  it('holds every item once, newest capture first, in its case', () => {
    expect(index.map((e) => e.id)).toEqual(['elsewhere', 'page', 'm1', 'x3', 'x2', 'x1']);
    expect(ids(filterEntries(index, { caseId }))).toEqual(['m1', 'page', 'x1', 'x2', 'x3']);
    expect(ids(filterEntries(index, { caseId: DEFAULT_CASE_ID }))).toEqual(['elsewhere']);
  });

  it('searches text, URL and author, case-insensitively, and combines filters', () => {
    expect(ids(filterEntries(index, { caseId, text: 'WHERE YOU LIVE' }))).toEqual(['x2']);
    expect(ids(filterEntries(index, { caseId, url: 'social.example/@third' }))).toEqual(['m1']);
    expect(ids(filterEntries(index, { caseId, author: 'troll_one' }))).toEqual(['x1', 'x2']);
    // The text box also finds authors and URLs.
    expect(ids(filterEntries(index, { caseId, text: 'troll one' }))).toEqual(['x1', 'x2']);
    expect(ids(filterEntries(index, { caseId, platform: 'x' }))).toEqual(['x1', 'x2', 'x3']);
    expect(ids(filterEntries(index, { caseId, category: 'doxxing' }))).toEqual(['m1', 'x2']);
    expect(ids(filterEntries(index, { caseId, platform: 'x', category: 'doxxing' }))).toEqual([
      'x2',
    ]);
    expect(filterEntries(index, { caseId, text: 'nothing like this' })).toEqual([]);
  });

  it('filters a date range by posted or captured UTC day, both ends inclusive', () => {
    const posted = { caseId, dateField: 'posted' as const };
    expect(ids(filterEntries(index, { ...posted, from: '2025-03-01', to: '2025-03-02' }))).toEqual([
      'x1',
      'x2',
    ]);
    // A page without a post has no posted time: outside any posted range.
    expect(ids(filterEntries(index, { ...posted, from: '2000-01-01' }))).toEqual([
      'm1',
      'x1',
      'x2',
      'x3',
    ]);
    expect(ids(filterEntries(index, { caseId, from: '2025-03-04', to: '2025-03-05' }))).toEqual([
      'm1',
      'x3',
    ]);
  });

  it('lists facets and paginates', () => {
    const inCase = filterEntries(index, { caseId });
    expect(facets(inCase)).toEqual({
      platforms: ['mastodon', 'x'],
      categories: ['defamation-smear', 'doxxing'],
    });
    expect(paginate(inCase, 0, 2)).toMatchObject({ pages: 3, page: 0 });
    expect(paginate(inCase, 2, 2).rows.map((e) => e.id)).toEqual(['x1']);
    expect(paginate(inCase, 9, 2).page).toBe(2);
    expect(paginate([], 0, 2)).toEqual({ rows: [], pages: 1, page: 0 });
  });
});

describe('campaign aggregation', () => {
  it('counts items per account (one account per platform id, whatever handle it showed), sortable', () => {
    const inCase = filterEntries(index, { caseId });
    const rows = accounts(inCase);
    expect(rows.map((r) => [r.key, r.count])).toEqual([
      ['x:111', 2],
      // Ties by name: @second before @third.
      ['x:222', 1],
      ['mastodon:@third@social.example', 1],
    ]);
    expect(rows[0]).toMatchObject({
      first: '2025-03-01T22:10:00.000Z',
      last: '2025-03-02T08:00:00.000Z',
      severity: 'high',
    });
    expect(accounts(inCase, 'first').map((r) => r.key)[0]).toBe('mastodon:@third@social.example');
    // The handle shown is the one of the most recent capture.
    expect(accounts(inCase, 'name').map((r) => r.handle)).toEqual([
      '@second',
      '@third@social.example',
      '@Troll_One',
    ]);
    expect(accounts(inCase, 'severity').map((r) => r.severity)).toEqual(['high', 'high', 'low']);
  });

  it('builds the timeline by posted and by captured day', () => {
    const inCase = filterEntries(index, { caseId });
    expect(timeline(inCase, 'posted')).toEqual({
      days: [
        { day: '2025-02-27', ids: ['m1'] },
        { day: '2025-03-01', ids: ['x1'] },
        { day: '2025-03-02', ids: ['x2'] },
        { day: '2025-03-03', ids: ['x3'] },
      ],
      undated: ['page'],
    });
    expect(timeline(inCase, 'captured').days.map((d) => [d.day, d.ids.length])).toEqual([
      ['2025-03-03', 2],
      ['2025-03-04', 1],
      ['2025-03-05', 1],
      ['2025-03-06', 1],
    ]);
  });

  it('picks the first, latest and most severe items', () => {
    const inCase = filterEntries(index, { caseId });
    // m1 was posted first; the page (no post) was captured last; m1 is high with imminent risk.
    expect(keyItems(inCase)).toEqual({ first: 'm1', latest: 'page', mostSevere: 'm1' });
    expect(keyItems(inCase.filter((e) => e.id !== 'm1'))).toEqual({
      first: 'x1',
      latest: 'page',
      mostSevere: 'x2',
    });
    expect(keyItems([])).toEqual({});
  });
});
