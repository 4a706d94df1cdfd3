// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../lib/crypto/index';
import { createEventLine, type CustodyEventInput } from '../../lib/custody/index';
import { createPdfReport } from '../../lib/reports/pdf-report';
import { createStreamZlib } from '../../lib/reports/zlib-streams';
import { bareReportInput, patternPng, reportFonts } from './support/report-fixture';

const squash = (s: string) => s.replace(/\s+/g, '');
const AT = '2026-01-01T10:00:00.000Z';
const [IN, OUT] = [`in${'a'.repeat(30)}`, `out${'b'.repeat(29)}`];

describe('PDF report: custody log', () => {
  let work: string;
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  let lines: string[];
  let text: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'attest-custody-'));
    lines = [];
    const log = (e: Omit<CustodyEventInput, 'at'>) =>
      lines.push(createEventLine(lines.at(-1) ?? null, { at: AT, ...e }).line);
    log({ type: 'vault-created', details: { fingerprint: 'F'.repeat(40) } });
    log({ type: 'captured', itemId: IN, details: { files: [] } });
    log({ type: 'captured', itemId: OUT, details: { files: [] } });
    log({
      type: 'annotated',
      itemId: OUT,
      details: { itemId: OUT, fields: ['category'], sha256: '0'.repeat(64) },
    });
    log({ type: 'exported', details: { bundleId: 'c'.repeat(32), items: [IN] } });
    const png = await patternPng(64, 48, 1);
    const input = bareReportInput(
      IN,
      [{ path: 'screenshot-visible.png', role: 'screenshot-visible', bytes: png }],
      [await sha256Hex(png)],
      lines,
    );
    const { pdf } = await createPdfReport(input, {
      fonts: reportFonts(),
      zlib: createStreamZlib(),
    });
    writeFileSync(join(work, 'r.pdf'), pdf);
    text = squash(
      execFileSync('pdftotext', ['-enc', 'UTF-8', join(work, 'r.pdf'), '-'], { encoding: 'utf8' }),
    );
  });

  it("prints the bundle's items' lines and the vault-wide ones verbatim", () => {
    for (const i of [0, 1, 4]) expect(text).toContain(squash(lines[i]!));
  });

  it('counts, without printing, the lines about captures not in the bundle', () => {
    for (const i of [2, 3]) expect(text).not.toContain(squash(lines[i]!));
    expect(text).toContain(
      squash('2 events about captures that are not in this bundle are not printed here'),
    );
    expect(text).toContain(squash('custody-log.jsonl holds all 5 lines'));
  });
});
