// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Classification } from '../model/classification';
import type { ItemJson } from '../model/item';

/** One capture as the report sees it: what the bundle writer gets, plus its classification. */
export interface ReportItem {
  item: ItemJson;
  files: Array<{ path: string; bytes: Uint8Array }>;
  classification?: Classification;
  /** Marked sensitive by the user apart from the classification: shown blurred too. */
  sensitive?: boolean;
}

export interface ReportInput {
  /** BCP 47 tag of the user's language; the report falls back to English. */
  lang: string;
  caseTitle?: string;
  /** TLP 2.0 sharing level of the case, shown on the cover. */
  tlp?: string;
  bundleId: string;
  createdAt: string;
  generator: { name: string; version: string; browser: string };
  collector: { name: string; fingerprint: string };
  items: ReportItem[];
  custodyLines: string[];
}

const SCREENSHOT_ROLES = new Set(['screenshot-visible', 'screenshot-full', 'screenshot-element']);

/** The item's screenshots, in the order item.json lists them. */
export function screenshotsOf(
  entry: ReportItem,
): Array<{ path: string; bytes: Uint8Array; mediaType: string; sha256: string }> {
  const bytes = new Map(entry.files.map((f) => [f.path, f.bytes]));
  return entry.item.files
    .filter((f) => SCREENSHOT_ROLES.has(f.role) && bytes.has(f.path))
    .map((f) => ({
      path: f.path,
      bytes: bytes.get(f.path)!,
      mediaType: f.mediaType,
      sha256: f.sha256,
    }));
}

/** Intimate imagery, image-based sexual abuse or a sensitive mark: never shown in clear. */
export function isSensitive(entry: ReportItem): boolean {
  const c = entry.classification;
  return (
    entry.sensitive === true ||
    c?.intimateImagery === true ||
    c?.category === 'image-based-sexual-abuse'
  );
}

/** Path of the blurred derived copy of an item's file inside the bundle. */
export function derivedPath(itemId: string, path: string): string {
  return `reports/derived/${itemId}/${path.replace(/\.[A-Za-z0-9]+$/, '')}.blurred.png`;
}

/** Path of the report PDF inside the bundle (docs/bundle-format.md). */
export function reportPath(lang: string): string {
  return `reports/report-${lang}.pdf`;
}
