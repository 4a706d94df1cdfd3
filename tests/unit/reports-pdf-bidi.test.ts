// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { drawableText, visualRuns } from '../../lib/reports/pdf-bidi';

// Runs are listed left to right as drawn; right-to-left runs stay in logical order because
// fontkit reverses them when it shapes them.
describe('visual order of report lines (reduced UAX #9)', () => {
  it('keeps a number inside an Arabic sentence left to right', () => {
    expect(visualRuns('المادة 16 من القانون')).toEqual([
      { text: ' من القانون', rtl: true },
      { text: '16', rtl: false },
      { text: 'المادة ', rtl: true },
    ]);
  });

  it('keeps a date whole (one separator between two numbers joins them)', () => {
    expect(visualRuns('بتاريخ 2025-03-05')).toEqual([
      { text: '2025-03-05', rtl: false },
      { text: 'بتاريخ ', rtl: true },
    ]);
  });

  it('keeps a Latin command in an Arabic line in its own order', () => {
    expect(visualRuns('ثم gpg --verify SHA256SUMS.asc')).toEqual([
      { text: 'gpg --verify SHA256SUMS.asc', rtl: false },
      { text: 'ثم ', rtl: true },
    ]);
  });

  it('keeps a Latin phrase with its brackets whole inside an Arabic sentence (N0)', () => {
    expect(visualRuns('بواسطة Attest 0.1.0 (chromium 156)، وهي')).toEqual([
      { text: '، وهي', rtl: true },
      { text: 'Attest 0.1.0 (chromium 156)', rtl: false },
      { text: 'بواسطة ', rtl: true },
    ]);
    // Latin inside brackets after Arabic: the brackets stay with the Arabic sentence.
    expect(visualRuns('الأدلة (OpenPGP)')).toEqual([
      { text: '(', rtl: true },
      { text: 'OpenPGP', rtl: false },
      { text: 'الأدلة )', rtl: true },
    ]);
  });

  it('mirrors brackets in right-to-left runs', () => {
    const [run] = visualRuns('(نص)');
    expect(run).toEqual({ text: ')نص(', rtl: true });
    // A run of neutrals only is reversed here, since fontkit would leave it as is.
    expect(drawableText({ text: ' (', rtl: true })).toBe('( ');
    expect(drawableText({ text: 'نص', rtl: true })).toBe('نص');
  });

  it('in a left-to-right paragraph, an Arabic phrase with a number reads right to left', () => {
    expect(visualRuns('see المادة 16 here', false)).toEqual([
      { text: 'see 16', rtl: false },
      { text: 'المادة ', rtl: true },
      { text: ' here', rtl: false },
    ]);
  });
});
