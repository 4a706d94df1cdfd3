// SPDX-License-Identifier: AGPL-3.0-or-later
// A notice with the four elements Article 16(2) of Regulation (EU) 2022/2065 (Digital Services
// Act) requires of a notice to a hosting service, so that it gives the provider "actual knowledge"
// (Art. 16(3)) and must be processed.
import {
  categoryLabel,
  explanationOf,
  isNcii,
  legalGroundsText,
  locationOf,
  type PackInput,
  type PackItem,
} from './pack-model';

/** The regulation's own words for element (d), Art. 16(2)(d). */
export const GOOD_FAITH_STATEMENT =
  'a statement confirming the bona fide belief of the individual or entity submitting the ' +
  'notice that the information and allegations contained therein are accurate and complete';

function reasons(p: PackItem, n: number): string[] {
  const c = p.classification;
  const lines = [`  Item ${n} (${p.item.id})`, `    Category: ${categoryLabel(c)}`];
  const law = legalGroundsText(c);
  lines.push(`    Legal ground: ${law || 'not stated'}`);
  if (c?.policy) lines.push(`    Platform policy: ${c.policy}`);
  lines.push(`    Explanation: ${explanationOf(p)}`);
  if (c?.imminentRisk) lines.push('    URGENT: imminent risk to life or physical safety.');
  return lines;
}

function location(p: PackItem, n: number): string[] {
  const { item } = p;
  const lines = [`  Item ${n} (${item.id})`, `    URL: ${locationOf(item)}`];
  if (item.post?.url === undefined && item.source.url !== locationOf(item))
    lines.push(`    Page requested: ${item.source.url}`);
  if (item.post?.id) lines.push(`    Post id: ${item.post.id}`);
  const a = item.post?.author;
  if (a?.handle) lines.push(`    Author handle: ${a.handle}`);
  if (a?.id) lines.push(`    Author account id: ${a.id}`);
  if (item.post?.postedAt) lines.push(`    Posted at (UTC): ${item.post.postedAt}`);
  lines.push(`    Captured at (UTC): ${item.capturedAt}`);
  return lines;
}

/** `notices/<platform>-dsa-art16.txt` for the items of one platform. */
export function dsaNotice(
  platform: string,
  items: readonly PackItem[],
  input: Pick<PackInput, 'notifier' | 'createdAt'>,
): string {
  const { notifier } = input;
  const ncii = items.some(isNcii);
  const out = [
    'NOTICE OF ILLEGAL CONTENT',
    'under Article 16 of Regulation (EU) 2022/2065 (Digital Services Act)',
    '',
    `Service: ${platform}`,
    `Date (UTC): ${input.createdAt}`,
    `Number of items: ${items.length}`,
    '',
    '1. SUBSTANTIATED REASONS WHY THE INFORMATION IS ILLEGAL (Art. 16(2)(a))',
    ...items.flatMap((p, i) => reasons(p, i + 1)),
    '',
    '2. EXACT ELECTRONIC LOCATION OF THE INFORMATION (Art. 16(2)(b))',
    ...items.flatMap((p, i) => location(p, i + 1)),
    '',
    '3. NAME AND EMAIL ADDRESS OF THE NOTIFIER (Art. 16(2)(c))',
    `  Name: ${notifier.name}`,
    // Never a made-up address: the provider must see that one is missing.
    notifier.email
      ? `  Email: ${notifier.email}`
      : '  Email: MISSING. The notifier has not given an email address yet; add it before sending.',
    '',
    '4. STATEMENT OF GOOD FAITH (Art. 16(2)(d))',
    `  Article 16(2)(d) requires ${GOOD_FAITH_STATEMENT}.`,
    `  I, ${notifier.name}, confirm my bona fide belief that the information and allegations`,
    '  contained in this notice are accurate and complete.',
    '',
  ];
  if (ncii)
    out.push(
      'Intimate images are not attached to this notice. They can be matched by the SHA-256 and',
      'PDQ hashes in ncii-hashes.csv.',
      '',
    );
  out.push(
    'The evidence (screenshots, page archives, hashes, signed custody log) is held in a signed',
    'Attest evidence bundle and can be provided on request.',
    '',
  );
  return out.join('\r\n');
}
