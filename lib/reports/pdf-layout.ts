// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  clip,
  endPath,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  type PDFDocument,
  type PDFFont,
  type PDFImage,
  type PDFPage,
} from 'pdf-lib';
import { drawableText, hasRtl, visualRuns } from './pdf-bidi';

export interface LayoutFonts {
  regular: PDFFont;
  bold: PDFFont;
}

export interface TextOptions {
  size?: number;
  bold?: boolean;
  indent?: number;
  /** Space after the paragraph, in points. */
  after?: number;
  grey?: boolean;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const FOOTER = 30;
// A very tall full-page screenshot is spread over at most this many pages, then shrunk.
const MAX_IMAGE_PAGES = 8;
const GREY = rgb(0.35, 0.35, 0.35);

// Width of each character at size 1, per font: summed, it predicts where a run breaks.
const charWidths = new WeakMap<PDFFont, Map<string, number>>();

function charWidth(font: PDFFont, ch: string): number {
  let widths = charWidths.get(font);
  if (!widths) charWidths.set(font, (widths = new Map<string, number>()));
  let w = widths.get(ch);
  if (w === undefined) widths.set(ch, (w = font.widthOfTextAtSize(ch, 1)));
  return w;
}

/**
 * The longest prefix of `run` that fits (at least one character; all of it when it all fits). Each exact
 * measure shapes the string with fontkit, and a custody line is one unbroken run of several
 * hundred characters, which a character-by-character search measured hundreds of times. The
 * characters' own widths predict the break; exact measures then confirm it (two, when shaping
 * changes nothing) or, for shaped scripts, a binary search below it finds it.
 */
function longestFitting(
  run: string,
  fits: (s: string) => boolean,
  predict: (ch: string) => number,
  width: number,
): number {
  let guess = 0;
  for (let sum = 0; guess < run.length; guess++) {
    sum += predict(run[guess]!);
    if (sum > width) break;
  }
  let lo = 1;
  let hi = run.length;
  if (guess >= 1 && fits(run.slice(0, guess))) {
    lo = guess;
    for (let step = 0; step < 4 && lo < hi; step++) {
      if (!fits(run.slice(0, lo + 1))) return lo;
      lo++;
    }
  } else hi = Math.max(1, guess - 1);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(run.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * How many of `words[from..]` fit after `line`: the count the word-by-word greedy loop finds
 * (each word added while the line still fits), found as longestFitting finds a break. Each exact
 * measure shapes the whole line with fontkit, and measuring the line again after every word
 * shaped a paragraph's text once per word; the characters' widths predict the count and two
 * exact measures confirm it, or a binary search finds it where shaping changed the widths.
 */
function wordsFitting(
  line: string,
  words: string[],
  from: number,
  fits: (s: string) => boolean,
  predict: (s: string) => number,
  width: number,
): number {
  const max = words.length - from;
  const prefix = (n: number) => line + words.slice(from, from + n).join('');
  let guess = 0;
  for (let sum = predict(line); guess < max; guess++) {
    sum += predict(words[from + guess]!);
    if (sum > width) break;
  }
  // `line` itself fits (it is empty, or what was left of a broken word): zero words always do.
  let lo = 0;
  let hi = max;
  if (guess === 0 || fits(prefix(guess))) {
    lo = guess;
    for (let step = 0; step < 4 && lo < hi; step++) {
      if (!fits(prefix(lo + 1))) return lo;
      lo++;
    }
  } else hi = guess - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(prefix(mid))) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Splits text into lines no wider than `width`, breaking at spaces and, for long unbroken runs
 * (hashes, URLs), between characters so nothing runs off the page.
 */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  const predictChar = (ch: string) => charWidth(font, ch) * size;
  const predict = (s: string) => {
    let sum = 0;
    for (let i = 0; i < s.length; i++) sum += predictChar(s[i]!);
    return sum;
  };
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    const words = para.split(/(?<=\s)/);
    let line = '';
    for (let i = 0; i < words.length;) {
      const n = wordsFitting(line, words, i, fits, predict, width);
      line += words.slice(i, i + n).join('');
      i += n;
      if (i >= words.length) break;
      // words[i] does not fit after the line: the line ends, and the word starts the next one,
      // broken between characters when it is wider than a whole line.
      if (line.trim() !== '') lines.push(line.trimEnd());
      let rest = words[i++]!;
      for (;;) {
        const k = longestFitting(rest, fits, predictChar, width);
        if (k >= rest.length) break;
        lines.push(rest.slice(0, k));
        rest = rest.slice(k);
      }
      line = rest;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

interface LineStyle {
  y: number;
  size: number;
  font: PDFFont;
  color?: ReturnType<typeof rgb>;
}

/**
 * Draws one line in visual order, each run shaped by fontkit (pdf-bidi.ts): right-aligned at
 * `edge` in a right-to-left paragraph, else starting there. A line without any right-to-left
 * letter is drawn as one left-to-right string, as before.
 */
function drawLine(page: PDFPage, line: string, edge: number, rtl: boolean, style: LineStyle): void {
  if (!hasRtl(line)) {
    // Dates, hashes, URLs and commands stay one left-to-right run, as the UI isolates them.
    const x = rtl ? edge - style.font.widthOfTextAtSize(line, style.size) : edge;
    page.drawText(line, { ...style, x });
    return;
  }
  const runs = visualRuns(line, rtl).map(drawableText);
  const widths = runs.map((r) => style.font.widthOfTextAtSize(r, style.size));
  let x = rtl ? edge - widths.reduce((a, b) => a + b, 0) : edge;
  runs.forEach((r, i) => {
    page.drawText(r, { ...style, x });
    x += widths[i] ?? 0;
  });
}

/**
 * A top-to-bottom writer over A4 pages: paragraphs, label/value rows, rules and images. With
 * `rtl` (Arabic) every line is right-aligned, in visual order, and a row's label is on the right.
 */
export function createPdfLayout(
  doc: PDFDocument,
  fonts: LayoutFonts,
  options: { rtl?: boolean } = {},
) {
  const rtl = options.rtl ?? false;
  const width = A4[0] - 2 * MARGIN;
  const top = A4[1] - MARGIN;
  const bottom = MARGIN + FOOTER;
  let page: PDFPage = doc.addPage(A4);
  let y = top;

  function newPage(): void {
    page = doc.addPage(A4);
    y = top;
  }
  function ensure(height: number): void {
    if (y - height < bottom) newPage();
  }
  function lineHeight(size: number): number {
    return size * 1.35;
  }

  function text(content: string, o: TextOptions = {}): void {
    const size = o.size ?? 10;
    const font = o.bold ? fonts.bold : fonts.regular;
    const indent = o.indent ?? 0;
    for (const line of wrapText(content, font, size, width - indent)) {
      ensure(lineHeight(size));
      y -= lineHeight(size);
      const style = { y: y + size * 0.3, size, font, color: o.grey ? GREY : rgb(0, 0, 0) };
      drawLine(page, line, rtl ? MARGIN + width - indent : MARGIN + indent, rtl, style);
    }
    y -= o.after ?? 4;
  }

  function heading(content: string, size = 15): void {
    ensure(lineHeight(size) + 40);
    y -= 8;
    text(content, { size, bold: true, after: 6 });
  }

  /** One table row: label in a fixed left column, value wrapped in the right one. */
  function row(label: string, value: string, size = 8.5): void {
    const labelWidth = 118;
    const labelLines = wrapText(label, fonts.bold, size, labelWidth - 6);
    const valueLines = wrapText(value, fonts.regular, size, width - labelWidth);
    const n = Math.max(labelLines.length, valueLines.length);
    for (let i = 0; i < n; i++) {
      ensure(lineHeight(size));
      y -= lineHeight(size);
      const base = { y: y + size * 0.3, size };
      const label = labelLines[i];
      const value = valueLines[i];
      // Right to left: the label column is on the right.
      const labelAt = rtl ? MARGIN + width : MARGIN;
      const valueAt = rtl ? MARGIN + width - labelWidth : MARGIN + labelWidth;
      if (label) drawLine(page, label, labelAt, rtl, { ...base, font: fonts.bold });
      if (value) drawLine(page, value, valueAt, rtl, { ...base, font: fonts.regular });
    }
    y -= 2;
  }

  function rule(): void {
    ensure(8);
    y -= 4;
    page.drawLine({
      start: { x: MARGIN, y },
      end: { x: MARGIN + width, y },
      thickness: 0.5,
      color: rgb(0.6, 0.6, 0.6),
    });
    y -= 4;
  }

  /** Draws an image at the content width; a tall one continues over several pages, clipped. */
  function image(img: PDFImage): void {
    const avail = top - bottom;
    let scale = Math.min(1, width / img.width);
    if (img.height * scale > avail * MAX_IMAGE_PAGES)
      scale = (avail * MAX_IMAGE_PAGES) / img.height;
    const w = img.width * scale;
    const h = img.height * scale;
    if (h <= y - bottom) {
      page.drawImage(img, { x: MARGIN, y: y - h, width: w, height: h });
      y -= h + 6;
      return;
    }
    if (h <= avail) {
      newPage();
      page.drawImage(img, { x: MARGIN, y: y - h, width: w, height: h });
      y -= h + 6;
      return;
    }
    for (let offset = 0; offset < h; offset += avail) {
      newPage();
      const shown = Math.min(avail, h - offset);
      page.pushOperators(
        pushGraphicsState(),
        rectangle(MARGIN, top - shown, w, shown),
        clip(),
        endPath(),
      );
      page.drawImage(img, { x: MARGIN, y: top - h + offset, width: w, height: h });
      page.pushOperators(popGraphicsState());
      y = top - shown - 6;
    }
  }

  /** Writes a footer on every page once everything is laid out. */
  function footers(label: (n: number, total: number) => string): void {
    const pages = doc.getPages();
    pages.forEach((p, i) => {
      const style = { y: MARGIN - 10, size: 7.5, font: fonts.regular, color: GREY };
      const text = label(i + 1, pages.length);
      drawLine(p, text, rtl ? MARGIN + width : MARGIN, rtl, style);
    });
  }

  return { text, heading, row, rule, image, newPage, footers, gap: (n: number) => void (y -= n) };
}

export type PdfLayout = ReturnType<typeof createPdfLayout>;
