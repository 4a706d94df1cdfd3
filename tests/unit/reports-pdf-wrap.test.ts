// SPDX-License-Identifier: AGPL-3.0-or-later
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEventLine } from '../../lib/custody/index';
import { wrapText } from '../../lib/reports/pdf-layout';
import { reportFonts } from './support/report-fixture';

// A 'captured' custody line as the vault writes it: one JSON run of ~700 characters, no spaces.
const LINE = createEventLine(null, {
  at: '2026-01-01T00:00:00.000Z',
  type: 'captured',
  itemId: 'a'.repeat(32),
  details: {
    files: ['screenshot-visible.png', 'page.html', 'screenshot-full.png', 'page.mhtml'].map(
      (path, i) => ({ path, sha256: String(i).repeat(64) }),
    ),
  },
}).line;

/** The word-by-word greedy wrap the report used before (one exact measure per word): the oracle. */
function greedyWrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/(?<=\s)/)) {
      if (fits(line + word)) {
        line += word;
        continue;
      }
      if (line.trim() !== '') lines.push(line.trimEnd());
      let rest = word;
      while (!fits(rest) && rest.length > 1) {
        let n = 1;
        while (n < rest.length && fits(rest.slice(0, n + 1))) n++;
        lines.push(rest.slice(0, n));
        rest = rest.slice(n);
      }
      line = rest;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

const PROSE =
  'The screenshot shows the post as it appeared in the browser at the time of capture; the ' +
  'original file travels in the bundle byte for byte and its SHA-256 is listed in SHA256SUMS. ';

describe('report text wrapping', () => {
  let font: PDFFont;
  let measured = 0;

  beforeAll(async () => {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    font = await doc.embedFont(reportFonts().regular, { subset: true });
    const real = font.widthOfTextAtSize.bind(font);
    font.widthOfTextAtSize = (text, size) => {
      measured++;
      return real(text, size);
    };
  });

  it('breaks an unbroken run into the longest pieces that fit, losing nothing', () => {
    const width = 495;
    const lines = wrapText(LINE, font, 7, width);
    expect(LINE.length).toBeGreaterThan(600);
    expect(lines.join('')).toBe(LINE);
    expect(lines.length).toBeGreaterThan(2);
    for (const [i, line] of lines.entries()) {
      expect(font.widthOfTextAtSize(line, 7)).toBeLessThanOrEqual(width);
      // Each piece but the last is as long as it can be: one more character would not fit.
      const next = lines[i + 1];
      if (next) expect(font.widthOfTextAtSize(line + next[0], 7)).toBeGreaterThan(width);
    }
  });

  it('measures an unbroken run a few times per printed line, not once per character', () => {
    wrapText(LINE, font, 7, 495); // learns the characters' widths once per font
    measured = 0;
    const lines = wrapText(LINE, font, 7, 495);
    // The characters' widths predict each break and two exact measures confirm it. The old
    // character-by-character search measured this line about 1 200 times (each measure shapes
    // the whole string with fontkit).
    expect(measured).toBeLessThanOrEqual(lines.length * 3 + 1);
  });

  it('finds the break by exact measures where shaping changes the widths (Arabic)', () => {
    const run = 'لااللهمحمدرسولالسلامعليكم'.repeat(12);
    const width = 200;
    const lines = wrapText(run, font, 10, width);
    expect(lines.join('')).toBe(run);
    for (const [i, line] of lines.entries()) {
      expect(font.widthOfTextAtSize(line, 10)).toBeLessThanOrEqual(width);
      const next = lines[i + 1];
      if (next) expect(font.widthOfTextAtSize(line + next[0], 10)).toBeGreaterThan(width);
    }
  });

  it('still wraps words at spaces', () => {
    const text = 'a post, a reply, a threat. '.repeat(30).trim();
    const lines = wrapText(text, font, 10, 300);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(text);
    for (const line of lines) expect(line.endsWith(' ')).toBe(false);
  });

  it('breaks paragraphs exactly where the word-by-word loop did, in every script', () => {
    const texts = [
      PROSE.repeat(6),
      `Voir https://x.example/${'p/'.repeat(80)}status/1 puis ${'9f'.repeat(32)} et fin.\n${PROSE}`,
      'Les captures sont horodatées, chiffrées et signées ; « vérifiez » l’empreinte. '.repeat(8),
      'تم التقاط هذه الصفحة في المتصفح، والملف الأصلي موجود في الحزمة كما هو. '.repeat(8),
      `  leading spaces,\n\nempty lines,  double  spaces and a tail ${'x'.repeat(300)}`,
    ];
    for (const text of texts)
      for (const [size, width] of [
        [10, 495],
        [8.5, 377],
        [9.5, 112],
      ] as const)
        expect(wrapText(text, font, size, width)).toEqual(greedyWrap(text, font, size, width));
  });

  it('measures a paragraph a few times per printed line, not once per word', () => {
    const text = PROSE.repeat(12);
    const words = text.split(' ').length;
    wrapText(text, font, 10, 495); // learns the characters' widths once per font
    measured = 0;
    const lines = wrapText(text, font, 10, 495);
    const bound = lines.length * 3 + 1;
    expect(measured).toBeLessThanOrEqual(bound);
    // Control: the word-by-word loop measures once per word, well past the bound.
    measured = 0;
    greedyWrap(text, font, 10, 495);
    expect(measured).toBeGreaterThanOrEqual(words);
    expect(measured).toBeGreaterThan(bound);
  });
});
