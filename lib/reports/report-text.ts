// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Category } from '../model/classification';
import { REPORT_TEXT_AR } from './report-text-ar';
import { REPORT_TEXT_EN } from './report-text-en';
import { REPORT_TEXT_ES } from './report-text-es';
import { REPORT_TEXT_FR } from './report-text-fr';

/**
 * The report's own catalogue. It is separate from the UI's messages.json because the report is
 * built where browser.i18n may be absent (tests, CLI) and its long legal texts are no UI strings.
 */
export interface ReportText {
  lang: string;
  /** Writing direction: 'rtl' lays every line out right-aligned in visual order (pdf-bidi.ts). */
  dir?: 'rtl';
  title: string;
  subtitle: string;
  cover: {
    caseTitle: string;
    tlp: string;
    collector: string;
    onBehalfOf: string;
    fingerprint: string;
    tool: string;
    bundleId: string;
    created: string;
    span: string;
    items: string;
    noCase: string;
  };
  intro: string;
  itemsTitle: string;
  columns: {
    captured: string;
    url: string;
    postId: string;
    author: string;
    category: string;
    files: string;
  };
  none: string;
  categories: Record<Category, string>;
  screenshotsTitle: string;
  screenshotOf: (itemNo: string, path: string) => string;
  blurredNote: (parentSha: string, copyPath: string, copySha: string) => string;
  notDrawn: (path: string) => string;
  /** A large screenshot drawn reduced: the original file, its SHA-256 and both sizes in px. */
  reducedNote: (path: string, sha256: string, original: string, shown: string) => string;
  sensitiveOmitted: (path: string) => string;
  custodyTitle: string;
  custodyIntro: string;
  /** Lines about captures not in the bundle: how many, of how many in custody-log.jsonl. */
  custodyOmitted: (omitted: string, total: string) => string;
  verifyTitle: string;
  verifySteps: (fingerprint: string) => string[];
  declarationsTitle: string;
  declarationsNote: string;
  witnessTitle: string;
  witness: (collector: string) => string[];
  certificationTitle: string;
  certification: (tool: string, fingerprint: string) => string[];
  truthTitle: string;
  truth: string[];
  signatureBlock: string[];
  page: (n: string, total: string) => string;
}

const CATALOGUES: Record<string, ReportText> = {
  en: REPORT_TEXT_EN,
  fr: REPORT_TEXT_FR,
  es: REPORT_TEXT_ES,
  ar: REPORT_TEXT_AR,
};

/** The catalogue for a BCP 47 tag such as `fr-CA` or `fr_FR`, English when there is none. */
export function reportText(lang: string): ReportText {
  const base = lang.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return CATALOGUES[base] ?? REPORT_TEXT_EN;
}
