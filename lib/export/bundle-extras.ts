// SPDX-License-Identifier: AGPL-3.0-or-later
import type { BundleAttachment } from '../bundle/attachments';
import { exportStep, type ExportControl } from '../bundle/progress';
import type { Classification } from '../model/classification';
import { createPdfReport } from '../reports/pdf-report';
import type { Zlib } from '../reports/png-codec';
import { reportAttachments } from '../reports/report-attachments';
import type { ReduceImage } from '../reports/report-image';
import type { BundleWriteInput } from './export-bundle';
import { measured } from './measured';

export interface BundleExtrasDeps {
  /** BCP 47 tag of the user's language. */
  lang: string;
  loadFonts(): Promise<{ regular: Uint8Array; bold: Uint8Array }>;
  /** The standalone verify.html; the export is refused when it cannot be read. */
  loadVerifier(): Promise<Uint8Array>;
  classification(itemId: string): Promise<Classification | null>;
  zlib: Zlib;
  /** The browser's decoder in extension pages (reduce-image.ts); JavaScript PNG when absent. */
  reduceImage?: ReduceImage;
}

/**
 * The files every bundle carries besides the evidence: the PDF report (with blurred derived
 * copies of sensitive screenshots) and the offline verifier. Any failure fails the export.
 */
export function createBundleExtras(deps: BundleExtrasDeps) {
  return async function extras(
    input: BundleWriteInput,
    control?: ExportControl,
  ): Promise<BundleAttachment[]> {
    const total = input.items.length;
    await exportStep(control, { stage: 'report', done: 0, total });
    const items = [];
    for (const entry of input.items) {
      const classification = (await deps.classification(entry.item.id)) ?? undefined;
      items.push({ ...entry, ...(classification ? { classification } : {}) });
    }
    const reduceImage = deps.reduceImage;
    const report = await createPdfReport(
      {
        ...input,
        lang: deps.lang,
        items,
        ...(input.case ? { caseTitle: input.case.title, tlp: input.case.tlp } : {}),
      },
      {
        fonts: await deps.loadFonts(),
        zlib: deps.zlib,
        step: (done) => exportStep(control, { stage: 'report', done, total }),
        ...(reduceImage
          ? { reduceImage: (...a) => measured('report:image', () => reduceImage(...a)) }
          : {}),
      },
    );
    const verifier: BundleAttachment = {
      path: 'verify.html',
      role: 'verifier',
      mediaType: 'text/html; charset=utf-8',
      bytes: await deps.loadVerifier(),
    };
    return [...reportAttachments(report), verifier];
  };
}
