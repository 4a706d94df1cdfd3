// SPDX-License-Identifier: AGPL-3.0-or-later
import { beforeAll, describe, expect, it } from 'vitest';
import { csvCell, csvTable } from '../../lib/reports/csv';
import { GOOD_FAITH_STATEMENT } from '../../lib/reports/dsa-notice';
import { ESCALATION_COLUMNS } from '../../lib/reports/escalation-csv';
import { nciiImageHashes } from '../../lib/reports/ncii-image-hashes';
import type { PackFile, PackInput } from '../../lib/reports/pack-model';
import { buildPlatformPack } from '../../lib/reports/platform-pack';
import { parseCsv } from './support/csv-parse';
import { decodeForTest, packFixture, type FixtureItem } from './support/pack-fixture';

let items: FixtureItem[];
let files: PackFile[];
let input: PackInput;

const file = (path: string): string => {
  const f = files.find((x) => x.path === path);
  if (!f) throw new Error(`no ${path} in ${files.map((x) => x.path).join(', ')}`);
  return f.text;
};
const rowsOf = (path: string): Array<Record<string, string>> => {
  const [header, ...rows] = parseCsv(file(path));
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
};

beforeAll(async () => {
  items = await packFixture();
  const bytes = new Map(
    items.flatMap((p) => p.files.map((f) => [`${p.item.id}/${f.path}`, f.bytes])),
  );
  input = {
    items: items.map(({ item, classification }) => ({ item, classification })),
    notifier: { name: 'Amina K.', email: 'amina@example.org' },
    createdAt: '2025-03-03T09:30:00.000Z',
    generator: { name: 'Attest', version: '0.1.0' },
    imageHashes: await nciiImageHashes(items, {
      readFile: (id, path) => Promise.resolve(bytes.get(`${id}/${path}`)!),
      decode: decodeForTest,
    }),
  };
  files = buildPlatformPack(input);
});

describe('csv cells', () => {
  it('quotes per RFC 4180 and neutralises formula starts', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(csvCell(`${start}1+1`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
    expect(csvTable(['a', 'b'], [['1', '2']])).toBe('a,b\r\n1,2\r\n');
  });
});

describe('platform pack files', () => {
  it('groups by platform (else host) and X-ARF by host', () => {
    expect(files.map((f) => f.path).sort()).toEqual([
      'notices/blog.example.net-dsa-art16.txt',
      'notices/blog.example.net-escalation.csv',
      'notices/blog.example.net-x-arf.txt',
      'notices/example.social-x-arf.txt',
      'notices/mastodon-dsa-art16.txt',
      'notices/mastodon-escalation.csv',
      'notices/ncii-hashes.csv',
      'notices/x-dsa-art16.txt',
      'notices/x-escalation.csv',
      'notices/x.com-x-arf.txt',
    ]);
  });

  it('escalation CSV: header, then one row per item with every field', () => {
    const [header] = parseCsv(file('notices/x-escalation.csv'));
    expect(header).toEqual([...ESCALATION_COLUMNS]);
    const [a, b] = rowsOf('notices/x-escalation.csv');
    const shotA = items[0]!.item.files[0]!;
    expect(a).toEqual({
      item_id: 'itemA',
      url: 'https://x.com/attacker/status/1234567890',
      post_id: '1234567890',
      // Handles start with "@", which spreadsheets read as a formula: quoted like any other.
      author_handle: "'@attacker",
      author_account_id: '998877',
      posted_at: '2025-03-01T08:15:00.000Z',
      captured_at: '2025-03-01T10:00:00.000Z',
      category: 'Threat of violence',
      policy: 'Violent Speech policy',
      legal_ground: 'FR, Code pénal, art. 222-17 | EU, Directive (EU) 2024/1385, art. 7',
      explanation:
        'Threat of violence. Says "we know where you live", names her street, and sets a date.',
      screenshot_file: 'items/itemA/screenshot-element.png',
      screenshot_sha256: shotA.sha256,
      imminent_risk_to_life: 'yes',
    });
    expect(b).toMatchObject({
      item_id: 'itemB',
      author_handle: "'+cmd",
      policy: "'@policy",
      posted_at: '',
      author_account_id: '',
      imminent_risk_to_life: 'no',
    });
    // Explanations start with the category, so notes are never at the start of a cell; the
    // formula text is data, and the raw file never has a cell starting with "=".
    expect(b!.explanation).toBe('Harassment. =HYPERLINK("http://evil.example","x")');
    expect(file('notices/x-escalation.csv')).not.toMatch(/(^|,)"?[=+@-]/m);
  });

  it('escalation CSV: an unclassified page without a post', () => {
    const [d] = rowsOf('notices/blog.example.net-escalation.csv');
    expect(d).toMatchObject({
      item_id: 'itemD',
      url: 'https://blog.example.net/smear?id=7',
      post_id: '',
      category: 'Unclassified',
      legal_ground: '',
      explanation: 'Unclassified',
      screenshot_file: 'items/itemD/screenshot-visible.png',
    });
  });

  it('explanations are cut to 500 characters', () => {
    const long = {
      ...input.items[0]!,
      classification: { ...input.items[0]!.classification!, notes: 'é'.repeat(900) },
    };
    const [row] = parseCsv(buildPlatformPack({ ...input, items: [long] })[0]!.text).slice(1);
    const explanation = row![ESCALATION_COLUMNS.indexOf('explanation')]!;
    expect([...explanation]).toHaveLength(500);
    expect(explanation.endsWith('…')).toBe(true);
  });

  it('DSA notice: the four labelled parts of Art. 16(2), in order', () => {
    const text = file('notices/x-dsa-art16.txt');
    const heads = [
      '1. SUBSTANTIATED REASONS WHY THE INFORMATION IS ILLEGAL (Art. 16(2)(a))',
      '2. EXACT ELECTRONIC LOCATION OF THE INFORMATION (Art. 16(2)(b))',
      '3. NAME AND EMAIL ADDRESS OF THE NOTIFIER (Art. 16(2)(c))',
      '4. STATEMENT OF GOOD FAITH (Art. 16(2)(d))',
    ];
    const at = heads.map((h) => text.indexOf(h));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    const part = (n: number) => text.slice(at[n], at[n + 1] ?? text.length);
    expect(part(0)).toContain('Category: Threat of violence');
    expect(part(0)).toContain('Legal ground: FR, Code pénal, art. 222-17');
    expect(part(0)).toContain('Platform policy: Violent Speech policy');
    expect(part(0)).toContain('URGENT: imminent risk to life');
    expect(part(1)).toContain('URL: https://x.com/attacker/status/1234567890');
    expect(part(1)).toContain('Post id: 1234567890');
    expect(part(1)).toContain('Author account id: 998877');
    expect(part(1)).toContain('URL: https://x.com/plus/status/42');
    expect(part(2)).toContain('Name: Amina K.');
    expect(part(2)).toContain('Email: amina@example.org');
    expect(part(3).replace(/\s+/g, ' ')).toContain(GOOD_FAITH_STATEMENT);
    expect(GOOD_FAITH_STATEMENT).toBe(
      'a statement confirming the bona fide belief of the individual or entity submitting the notice that the information and allegations contained therein are accurate and complete',
    );
    expect(part(3)).toContain('I, Amina K., confirm my bona fide belief');
    expect(text).toContain('Service: x');
    expect(text).toContain('Number of items: 2');
  });

  it('DSA notice without an email says plainly it is missing and invents none', () => {
    const pack = buildPlatformPack({ ...input, notifier: { name: 'Amina K.' } });
    const text = pack.find((f) => f.path === 'notices/x-dsa-art16.txt')!.text;
    const part3 = text.slice(text.indexOf('3. NAME AND EMAIL'), text.indexOf('4. STATEMENT'));
    expect(part3).toContain('Name: Amina K.');
    expect(part3).toContain('Email: MISSING. The notifier has not given an email address');
    expect(part3).not.toContain('@');
  });

  it('X-ARF: one MIME message per item with the v0.2 YAML report fields', () => {
    const text = file('notices/x.com-x-arf.txt');
    const messages = text.split(/^From attest /m).filter(Boolean);
    expect(messages).toHaveLength(2);
    expect(text).toContain('X-XARF: PLAIN');
    expect(text).toContain('From: Amina K. <amina@example.org>');
    const report = text.slice(
      text.indexOf('name="report.txt"'),
      text.indexOf('--attest-xarf-itemA--'),
    );
    const fields: Record<string, string> = Object.fromEntries(
      [...report.matchAll(/^([A-Za-z-]+): (.*)\r$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
    );
    expect(fields).toEqual({
      'Reported-From': "'amina@example.org'",
      Category: "'abuse'",
      'Report-Type': "'threat-of-violence'",
      'Report-ID': "'itemA@attest'",
      Date: "'Sat, 01 Mar 2025 10:00:00 +0000'",
      Source: "'https://x.com/attacker/status/1234567890'",
      'Source-Type': "'uri'",
      Service: "'https'",
      Port: '443',
      'User-Agent': "'Attest 0.1.0'",
      Version: "'0.2'",
      Attachment: "'none'",
    });
    expect(file('notices/blog.example.net-x-arf.txt')).toContain("Report-Type: 'unclassified'");
  });
});
