// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../lib/crypto/index';
import { createPdfReport } from '../../lib/reports/pdf-report';
import { REPORT_IMAGE_MAX, type ReduceImage } from '../../lib/reports/report-image';
import type { ReportInput } from '../../lib/reports/report-input';
import { createStreamZlib } from '../../lib/reports/zlib-streams';
import { bareReportInput, patternPng, reportFonts } from './support/report-fixture';

const zlib = createStreamZlib();
// A full-page screenshot at the capture's 30 000 px cap (narrow, to keep the test's memory low).
const [W, H] = [400, 30_000];

/** Width and height of every image XObject in the PDF. */
async function pdfImages(pdf: Uint8Array): Promise<Array<{ width: number; height: number }>> {
  const doc = await PDFDocument.load(pdf);
  const out: Array<{ width: number; height: number }> = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    const dict = obj instanceof PDFRawStream ? obj.dict : obj instanceof PDFDict ? obj : null;
    if (dict?.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    const n = (k: string) => (dict.get(PDFName.of(k)) as PDFNumber).asNumber();
    out.push({ width: n('Width'), height: n('Height') });
  }
  return out;
}

describe('PDF report with a tall full-page screenshot', () => {
  let work: string;
  let input: ReportInput;
  let sha256: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'attest-tall-'));
    const png = await patternPng(W, H, 3);
    sha256 = await sha256Hex(png);
    input = bareReportInput(
      `tall${'b'.repeat(28)}`,
      [{ path: 'screenshot-full.png', role: 'screenshot-full', bytes: png }],
      [sha256],
    );
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('draws a reduced view, says so and names the original file and its SHA-256', async () => {
    const { pdf } = await createPdfReport(input, { fonts: reportFonts(), zlib });
    const images = await pdfImages(pdf);
    expect(images).toHaveLength(1);
    for (const img of images) {
      expect(img.width).toBeLessThanOrEqual(REPORT_IMAGE_MAX.width);
      expect(img.height).toBeLessThanOrEqual(REPORT_IMAGE_MAX.height);
    }
    const pixels = images.reduce((n, i) => n + i.width * i.height, 0);
    expect(pixels).toBeLessThanOrEqual((W * H) / 4);
    writeFileSync(join(work, 'r.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(work, 'r.pdf'), '-'], {
      encoding: 'utf8',
    }).replace(/\s+/g, '');
    expect(text).toContain('Reducedview');
    expect(text).toContain(`items/${input.items[0]!.item.id}/screenshot-full.png`);
    expect(text).toContain(`${W}×${H}px,SHA-256${sha256}`);
  });

  it('control: without reduction the same check sees the full-resolution image', async () => {
    const identity: ReduceImage = (bytes, mediaType) =>
      Promise.resolve({ bytes, mediaType: mediaType as 'image/png' });
    const { pdf } = await createPdfReport(input, {
      fonts: reportFonts(),
      zlib,
      reduceImage: identity,
    });
    expect(await pdfImages(pdf)).toEqual([{ width: W, height: H }]);
  });
});
