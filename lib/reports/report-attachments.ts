// SPDX-License-Identifier: AGPL-3.0-or-later
import type { BundleAttachment } from '../bundle/attachments';
import type { PdfReport } from './pdf-report';

/** The report and its blurred derived images as bundle attachments. */
export function reportAttachments(report: PdfReport): BundleAttachment[] {
  return [
    { path: report.path, role: 'report', mediaType: 'application/pdf', bytes: report.pdf },
    ...report.derived.map((d): BundleAttachment => ({
      path: d.path,
      role: 'derived-image',
      mediaType: 'image/png',
      bytes: d.png,
      derivedFrom: d.parent,
    })),
  ];
}
