// SPDX-License-Identifier: AGPL-3.0-or-later
import { csvTable } from './csv';
import {
  bundlePath,
  categoryLabel,
  explanationOf,
  isNcii,
  legalGroundsText,
  locationOf,
  mainScreenshot,
  type PackItem,
} from './pack-model';

/** Columns of `notices/<platform>-escalation.csv`, in order (docs/bundle-format.md). */
export const ESCALATION_COLUMNS = [
  'item_id',
  'url',
  'post_id',
  'author_handle',
  'author_account_id',
  'posted_at',
  'captured_at',
  'category',
  'policy',
  'legal_ground',
  'explanation',
  'screenshot_file',
  'screenshot_sha256',
  'imminent_risk_to_life',
] as const;

/** One row per item, for a platform's rapid-response or trusted-flagger channel. */
export function escalationCsv(items: readonly PackItem[]): string {
  const rows = items.map((p) => {
    const { item, classification: c } = p;
    const shot = mainScreenshot(item);
    return [
      item.id,
      locationOf(item),
      item.post?.id ?? '',
      item.post?.author?.handle ?? '',
      item.post?.author?.id ?? '',
      item.post?.postedAt ?? '',
      item.capturedAt,
      categoryLabel(c),
      c?.policy ?? '',
      legalGroundsText(c),
      explanationOf(p),
      // The screenshot of an intimate-imagery item is named and hashed, never attached.
      shot ? bundlePath(item.id, shot.path) : '',
      shot?.sha256 ?? '',
      c?.imminentRisk ? 'yes' : 'no',
    ];
  });
  return csvTable(ESCALATION_COLUMNS, rows);
}

/** `notices/ncii-hashes.csv`: every image of every intimate-imagery item, as hashes only. */
export function nciiHashesCsv(
  items: readonly PackItem[],
  hashes: ReadonlyMap<
    string,
    ReadonlyArray<{ file: string; sha256: string; pdq?: string; quality?: number }>
  >,
): string {
  const rows = items
    .filter(isNcii)
    .flatMap(({ item }) =>
      (hashes.get(item.id) ?? []).map((h) => [
        item.id,
        h.file,
        h.sha256,
        h.pdq ?? '',
        h.quality === undefined ? '' : String(h.quality),
      ]),
    );
  return csvTable(['item_id', 'file', 'sha256', 'pdq', 'pdq_quality'], rows);
}
