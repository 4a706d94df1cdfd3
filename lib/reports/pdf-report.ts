// SPDX-License-Identifier: AGPL-3.0-or-later
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFImage } from 'pdf-lib';
import { makeBlurredCopy, type BlurredCopy } from './blurred-copy';
import { createPdfLayout, type PdfLayout } from './pdf-layout';
import {
  toolName,
  utc,
  writeCover,
  writeCustody,
  writeDeclarations,
  writeItems,
  writeVerify,
} from './pdf-sections';
import type { Zlib } from './png-codec';
import {
  createScriptImageReducer,
  REPORT_IMAGE_MAX,
  type ReduceImage,
  type ReportImage,
} from './report-image';
import {
  derivedPath,
  isSensitive,
  reportPath,
  screenshotsOf,
  type ReportInput,
} from './report-input';
import { reportText, type ReportText } from './report-text';

export interface PdfReportDeps {
  /** TrueType fonts with the Unicode coverage the user's language needs (DejaVu Sans here). */
  fonts: { regular: Uint8Array; bold: Uint8Array };
  zlib: Zlib;
  /**
   * Makes the reduced copy of a screenshot the report draws (the browser's decoder in extension
   * pages, lib/export/reduce-image.ts); PNG in JavaScript when absent (report-image.ts).
   */
  reduceImage?: ReduceImage;
  /**
   * Awaited before each capture's screenshots are drawn (`done` of `total` captures): the export
   * shows progress there and may stop, by throwing, between two captures.
   */
  step?(done: number, total: number): Promise<void>;
}

/** A blurred stand-in drawn in the report, to be shipped in the bundle next to it. */
export type DerivedImage = BlurredCopy & { path: string };

export interface PdfReport {
  path: string;
  lang: string;
  pdf: Uint8Array;
  derived: DerivedImage[];
}

async function embedImage(doc: PDFDocument, image: ReportImage): Promise<PDFImage> {
  return image.mediaType === 'image/jpeg' ? doc.embedJpg(image.bytes) : doc.embedPng(image.bytes);
}

async function writeScreenshots(
  l: PdfLayout,
  doc: PDFDocument,
  input: ReportInput,
  tx: ReportText,
  deps: PdfReportDeps,
): Promise<DerivedImage[]> {
  const zlib = deps.zlib;
  const reduce = deps.reduceImage ?? createScriptImageReducer(zlib);
  const derived: DerivedImage[] = [];
  l.newPage();
  l.heading(tx.screenshotsTitle);
  for (const [i, entry] of input.items.entries()) {
    await deps.step?.(i, input.items.length);
    const sensitive = isSensitive(entry);
    for (const shot of screenshotsOf(entry)) {
      l.text(tx.screenshotOf(String(i + 1), `items/${entry.item.id}/${shot.path}`), {
        bold: true,
        size: 9.5,
        after: 2,
      });
      l.text(`${utc(entry.item.capturedAt)}  ${entry.item.source.url}`, { size: 8, grey: true });
      if (sensitive) {
        // Fail closed: an image that cannot be blurred is left out, never shown in clear.
        const parent = { path: `items/${entry.item.id}/${shot.path}`, bytes: shot.bytes };
        const copy = await makeBlurredCopy(parent, zlib).catch(() => null);
        if (!copy) {
          l.text(tx.sensitiveOmitted(`items/${entry.item.id}/${shot.path}`), { size: 9 });
          continue;
        }
        const path = derivedPath(entry.item.id, shot.path);
        derived.push({ ...copy, path });
        l.text(tx.blurredNote(copy.parent.sha256, path, copy.sha256), { size: 8.5 });
        l.image(await doc.embedPng(copy.png));
        continue;
      }
      // The PDF draws a reduced copy of a large screenshot; the bundle keeps the original.
      const shown = await reduce(shot.bytes, shot.mediaType, REPORT_IMAGE_MAX).catch(() => null);
      const img = shown && (await embedImage(doc, shown).catch(() => null));
      if (!shown || !img) {
        l.text(tx.notDrawn(`items/${entry.item.id}/${shot.path}`), { size: 9 });
        continue;
      }
      if (shown.reduced) {
        const { from, to } = shown.reduced;
        l.text(
          tx.reducedNote(
            `items/${entry.item.id}/${shot.path}`,
            shot.sha256,
            `${from.width} × ${from.height}`,
            `${to.width} × ${to.height}`,
          ),
          { size: 8.5 },
        );
      }
      l.image(img);
    }
  }
  return derived;
}

/**
 * The legal report of a bundle as PDF bytes, in the user's language: cover sheet, captures table,
 * screenshots (sensitive ones as blurred derived copies), custody log, verification steps and
 * declaration templates. Dates are fixed to the bundle's creation so the same input gives the
 * same document.
 */
export async function createPdfReport(input: ReportInput, deps: PdfReportDeps): Promise<PdfReport> {
  const tx = reportText(input.lang);
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const fonts = {
    regular: await doc.embedFont(deps.fonts.regular, { subset: true }),
    bold: await doc.embedFont(deps.fonts.bold, { subset: true }),
  };
  const created = new Date(input.createdAt);
  doc.setTitle(`${tx.title} - ${input.bundleId}`);
  doc.setAuthor(input.collector.name);
  doc.setCreator(toolName(input));
  doc.setProducer(`${input.generator.name} ${input.generator.version}`);
  doc.setLanguage(tx.lang);
  doc.setCreationDate(created);
  doc.setModificationDate(created);

  const l = createPdfLayout(doc, fonts, { rtl: tx.dir === 'rtl' });
  writeCover(l, input, tx);
  l.newPage();
  writeItems(l, input, tx);
  const shotsStart = performance.now();
  const derived = await writeScreenshots(l, doc, input, tx, deps);
  // User Timing, as lib/export/measured.ts: the profiler and scripts/bench-export.ts read it.
  performance.measure('attest:report:screenshots', { start: shotsStart });
  l.newPage();
  writeCustody(l, input, tx);
  l.newPage();
  writeVerify(l, input, tx);
  writeDeclarations(l, input, tx);
  l.footers((n, total) => `${tx.page(String(n), String(total))}  ·  ${input.bundleId}`);
  const saveStart = performance.now();
  const pdf = await doc.save({ useObjectStreams: true });
  performance.measure('attest:report:save', { start: saveStart });
  return { path: reportPath(tx.lang), lang: tx.lang, pdf, derived };
}
