// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReadme } from '../../lib/bundle/readme';
import { generateIdentity, type Identity } from '../../lib/crypto/index';
import { createPdfReport } from '../../lib/reports/pdf-report';
import type { ReportInput } from '../../lib/reports/report-input';
import { createStreamZlib } from '../../lib/reports/zlib-streams';
import { makeReportInput, reportFonts } from './support/report-fixture';

const zlib = createStreamZlib();
const squash = (s: string) => s.replace(/\s+/g, '');
// pdftotext wraps right-to-left lines in embedding marks (U+202A-202E) and may add isolates.
const BIDI_MARKS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const CASE_TITLE = 'حملة ضد أ. 2025';

describe('PDF legal report in Spanish and Arabic', () => {
  let work: string;
  let identity: Identity & { name: string };
  let input: Omit<ReportInput, 'lang'>;

  function pdfText(pdf: Uint8Array, name: string): string {
    const path = join(work, name);
    writeFileSync(path, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'attest-report-es-ar-'));
    identity = { ...(await generateIdentity({ name: 'Amina K.' })), name: 'Amina K.' };
    const { bundle, items } = await makeReportInput(identity);
    input = { ...bundle, caseTitle: CASE_TITLE, items };
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('Spanish: extractable text, every hash, the headings in Spanish', async () => {
    const es = await createPdfReport({ ...input, lang: 'es-419' }, { fonts: reportFonts(), zlib });
    expect(es.path).toBe('reports/report-es.pdf');
    const text = pdfText(es.pdf, 'es.pdf');
    for (const words of [
      'Informe de pruebas',
      'Capturas de pantalla',
      'Registro de custodia',
      'Cómo verificar este paquete',
      'Declaración testimonial',
      'Declaración de veracidad',
      'Página 1 de',
    ])
      expect(text).toContain(words);
    const flat = squash(text);
    expect(flat).toContain(identity.fingerprint);
    for (const { item } of input.items)
      for (const f of item.files) expect(flat).toContain(f.sha256);
    // The Arabic case title in this left-to-right report keeps its number in reading order.
    expect(text).toContain('2025');
    expect(text).not.toContain('5202');
  }, 60_000);

  it('Arabic: right-to-left text comes back as the Arabic words, numbers not reversed', async () => {
    const ar = await createPdfReport({ ...input, lang: 'ar' }, { fonts: reportFonts(), zlib });
    expect(ar.path).toBe('reports/report-ar.pdf');
    const raw = pdfText(ar.pdf, 'ar.pdf');
    // What was checked: poppler maps each drawn glyph, shaped or not, back through the font's
    // ToUnicode table and reorders right-to-left lines; on some versions that yields Arabic
    // presentation forms (U+FB50-FEFF), which NFKC folds back to the base letters. The words
    // below avoid lam-alef, whose one ligature glyph stands for two letters that poppler returns
    // in drawing order. Spacing around numbers inside Arabic lines is poppler's guess, so words
    // are checked one phrase at a time.
    const text = raw.normalize('NFKC').replace(BIDI_MARKS, '');
    for (const words of [
      'تقرير',
      'القضية',
      'جامع',
      'لقطات الشاشة',
      'سجل سلسلة الحيازة',
      'كيف تتحقق من هذه الحزمة',
      'إفادة شاهد',
      'الصفحة',
    ])
      expect(text).toContain(words);
    expect(text).toContain('حملة ضد أ');
    expect(text).toContain('2025');
    expect(text).not.toContain('5202');
    const flat = squash(text);
    expect(flat).toContain(identity.fingerprint);
    for (const { item } of input.items)
      for (const f of item.files) expect(flat).toContain(f.sha256);
    // Commands keep their Latin order inside Arabic sentences.
    expect(text).toContain('sha256sum -c SHA256SUMS');
    expect(text).toContain('gpg --verify SHA256SUMS.asc SHA256SUMS');
  }, 60_000);

  it('README.txt in Spanish and Arabic', () => {
    const options = {
      bundleId: 'b'.repeat(32),
      createdAt: '2025-03-05T09:00:00.000Z',
      collectorName: 'Amina K.',
      fingerprint: identity.fingerprint,
      items: 2,
    };
    const es = renderReadme({ ...options, lang: 'es-ES' });
    const ar = renderReadme({ ...options, lang: 'ar' });
    for (const readme of [es, ar])
      for (const command of [
        'sha256sum -c SHA256SUMS',
        'shasum -a 256 -c SHA256SUMS',
        'certutil -hashfile',
        'gpg --verify SHA256SUMS.asc SHA256SUMS',
        'verify.html',
      ])
        expect(readme).toContain(command);
    expect(es).toContain('CÓMO VERIFICAR');
    expect(ar).toContain('كيف تتحقق');
    expect(ar).toContain(identity.fingerprint.slice(0, 4));
    expect(renderReadme({ ...options, lang: 'de' })).toContain('HOW TO VERIFY');
  });
});
