// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBundle } from '../../lib/bundle/write';
import type { BundleInput } from '../../lib/bundle/write';
import { generateIdentity, sha256Hex, type Identity } from '../../lib/crypto/index';
import { decodePng } from '../../lib/reports/png-codec';
import { createPdfReport, type PdfReport } from '../../lib/reports/pdf-report';
import { reportAttachments } from '../../lib/reports/report-attachments';
import type { ReportInput } from '../../lib/reports/report-input';
import { createStreamZlib } from '../../lib/reports/zlib-streams';
import { signerFor, unzipAll, verifyBytes } from './support/bundle-fixture';
import { makeReportInput, reportFonts } from './support/report-fixture';

const zlib = createStreamZlib();
const squash = (s: string) => s.replace(/\s+/g, '');

describe('PDF legal report', () => {
  let work: string;
  let identity: Identity & { name: string };
  let input: ReportInput;
  let bundleInput: BundleInput;
  let en: PdfReport;
  let text: string;

  function pdfText(pdf: Uint8Array, name: string): string {
    const path = join(work, name);
    writeFileSync(path, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'attest-report-'));
    identity = {
      ...(await generateIdentity({ name: 'Amina Défenseure' })),
      name: 'Amina Défenseure',
    };
    const { bundle, items } = await makeReportInput(identity);
    bundleInput = bundle;
    input = { ...bundle, lang: 'en', caseTitle: 'Campagne contre A. — 2025', items };
    en = await createPdfReport(input, { fonts: reportFonts(), zlib });
    text = pdfText(en.pdf, 'report-en.pdf');
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('opens with poppler and carries the fingerprint, every URL and every SHA-256', () => {
    expect(en.pdf.subarray(0, 5)).toEqual(new TextEncoder().encode('%PDF-'));
    const info = execFileSync('pdfinfo', [join(work, 'report-en.pdf')], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(7);
    const flat = squash(text);
    expect(flat).toContain(identity.fingerprint);
    expect(text).toContain('Campagne contre A. — 2025');
    expect(text).toContain('Amina Défenseure');
    for (const { item } of input.items) {
      expect(flat).toContain(squash(item.source.url));
      expect(flat).toContain(item.post?.id);
      for (const f of item.files) expect(flat).toContain(f.sha256);
    }
    for (const line of input.custodyLines) expect(flat).toContain(squash(line));
    for (const words of [
      'Witness declaration',
      'Statement of truth',
      '902(14)',
      'certutil',
      'shasum',
      'gpg --verify',
    ])
      expect(text).toContain(words);
    expect(text).toContain('Threat of violence');
  });

  it('shows a sensitive screenshot only as a blurred derived copy whose parent hash is recorded', async () => {
    expect(en.derived).toHaveLength(1);
    const [copy] = en.derived;
    const original = input.items[1]!.files[0]!.bytes;
    expect(copy!.parent.sha256).toBe(await sha256Hex(original));
    expect(copy!.parent.sha256).toBe(input.items[1]!.item.files[0]!.sha256);
    expect(copy!.sha256).toBe(await sha256Hex(copy!.png));
    expect(copy!.sha256).not.toBe(copy!.parent.sha256);
    const blurred = await decodePng(copy!.png, zlib);
    const source = await decodePng(original, zlib);
    expect(blurred.rgba).not.toEqual(source.rgba);
    // The checkerboard's hard edges are gone: neighbouring pixels differ only a little.
    let maxStep = 0;
    for (let i = 4; i < blurred.width * 4; i += 4)
      maxStep = Math.max(maxStep, Math.abs(blurred.rgba[i]! - blurred.rgba[i - 4]!));
    expect(maxStep).toBeLessThan(40);
    const flat = squash(text);
    expect(flat).toContain(squash(`SHA-256 ${copy!.parent.sha256}`));
    expect(flat).toContain(copy!.sha256);
    expect(text).toContain('BLURRED');
    // Deterministic: the same original gives the same derived bytes.
    const again = await createPdfReport(input, { fonts: reportFonts(), zlib });
    expect(again.derived[0]!.sha256).toBe(copy!.sha256);
    expect(await sha256Hex(again.pdf)).toBe(await sha256Hex(en.pdf));
  });

  it('is written in French when the user reads French', async () => {
    const fr = await createPdfReport({ ...input, lang: 'fr-FR' }, { fonts: reportFonts(), zlib });
    expect(fr.path).toBe('reports/report-fr.pdf');
    const t = pdfText(fr.pdf, 'report-fr.pdf');
    for (const words of [
      'Rapport de preuves',
      'Attestation de témoin',
      'Déclaration de véracité',
      'Menace de violence',
      'FLOUTÉE',
    ])
      expect(t).toContain(words);
    expect(squash(t)).toContain(identity.fingerprint);
  });

  it('travels in the signed bundle, listed in SHA256SUMS, with the derived image and its parent', async () => {
    const attachments = reportAttachments(en);
    const zip = await writeBundle({ ...bundleInput, attachments }, signerFor(identity));
    const report = await verifyBytes(zip);
    expect(report.errors).toEqual([]);
    expect(report.status).toBe('intact');
    const files = await unzipAll(zip);
    const sums = new TextDecoder().decode(files.get('SHA256SUMS'));
    expect(sums).toContain(`${await sha256Hex(en.pdf)}  reports/report-en.pdf`);
    const derived = en.derived[0]!;
    expect(sums).toContain(`${derived.sha256}  ${derived.path}`);
    const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as {
      files: Array<{ path: string; role: string; derivedFrom?: { path: string; sha256: string } }>;
    };
    const entry = manifest.files.find((f) => f.path === derived.path);
    expect(entry?.role).toBe('derived-image');
    expect(entry?.derivedFrom).toEqual({
      path: `items/${input.items[1]!.item.id}/screenshot.png`,
      sha256: derived.parent.sha256,
    });
    expect(files.get(`items/${input.items[1]!.item.id}/screenshot.png`)).toEqual(
      input.items[1]!.files[0]!.bytes,
    );
  });
});
