// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { drivePlaywright } from '../../scripts/drive/chromium.ts';
import { downloadedFile, setUpVault } from '../../scripts/drive/flow.ts';
import { runAxe, type AxeFinding } from './support/a11y.ts';
import { captureInto, createCase, openCase } from './support/cases.ts';
import { runVerifyCli } from './support/stock-checks.ts';
import { ROOT, useChromium } from './support/suites.ts';

const BLOCKING = new Set(['serious', 'critical']);
const CASE_TITLE = 'E2E campaign against Ana';

const listed = (vault: Page) =>
  vault.$$eval('#item-list [data-item-id]', (els) =>
    els.map((e) => e.getAttribute('data-item-id')),
  );

describe('Chromium: cases, the popup switch, filters, the campaign view and a case export', () => {
  const suite = useChromium('cases');

  it('files captures in the chosen case, finds them, and exports the case as a checked bundle', async () => {
    const { session, server } = suite;
    const vault = await session.vaultPage();
    await setUpVault(drivePlaywright(vault), 'E2E Collector');
    await vault.reload();
    await vault.waitForSelector('#case-view');

    // One capture before the case exists: it stays in the default case.
    const before = await captureInto(session, server.url('smear-campaign.html'), 'default');
    await vault.bringToFront();
    const caseId = await createCase(drivePlaywright(vault), CASE_TITLE);
    expect(caseId).toMatch(/^[A-Za-z0-9_-]+$/);

    const threat = await captureInto(session, server.url('threat-post.html'), caseId);
    const doxxing = await captureInto(session, server.url('doxxing-post.html'), caseId);

    await vault.bringToFront();
    await vault.reload();
    await openCase(drivePlaywright(vault), caseId);
    await vault.waitForSelector(`#item-list [data-item-id="${threat}"]`);
    expect((await listed(vault)).sort()).toEqual([threat, doxxing].sort());
    expect(await vault.getAttribute('#case-view .tlp', 'data-tlp')).toBe('RED');

    // A filter narrows the list at once; clearing it brings both back.
    await vault.fill('#filter-text', 'where you live');
    await vault.waitForSelector('#filter-results[data-count="1"]');
    expect(await listed(vault)).toEqual([threat]);
    await vault.click('#filter-clear');
    await vault.waitForSelector('#filter-results[data-count="2"]');

    // The campaign view: both captures on the timeline by capture day, the key items picked.
    await vault.click('#tab-campaign');
    await vault.selectOption('#timeline-field', 'captured');
    const perDay = await vault.$$eval('#timeline tbody tr', (rows) =>
      rows.map((r) => Number(r.getAttribute('data-count'))),
    );
    expect(perDay.reduce((a, b) => a + b, 0)).toBe(2);
    const keys = await vault.$$eval('#key-items li', (els) =>
      els.map((e) => e.getAttribute('data-item-id')),
    );
    expect(keys.slice(0, 2).sort()).toEqual([threat, doxxing].sort());
    await vault.click('#select-key-items');
    expect(await vault.textContent('#export-button')).toMatch(/2/);

    // The whole case: its two items, the case in manifest.json, stock tools check it.
    await vault.click('#export-case-button');
    await vault.waitForSelector(
      '#export-status[data-state="done"], #export-status[data-state="error"]',
      {
        timeout: 120_000,
      },
    );
    expect(await vault.getAttribute('#export-status', 'data-state')).toBe('done');
    const downloadId = Number(await vault.getAttribute('#export-status', 'data-download-id'));
    const file = await downloadedFile(drivePlaywright(vault), downloadId);
    const zip = await JSZip.loadAsync(readFileSync(file));
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
      case: unknown;
      items: Array<{ id: string }>;
    };
    expect(manifest.case).toEqual({ id: caseId, title: CASE_TITLE, tlp: 'RED' });
    expect(manifest.items.map((i) => i.id).sort()).toEqual([threat, doxxing].sort());
    expect(manifest.items.map((i) => i.id)).not.toContain(before);
    const log = await zip.file('custody-log.jsonl')!.async('string');
    expect(log).toContain(`"type":"case-created","details":{"caseId":"${caseId}"}`);
    expect(log).not.toContain(CASE_TITLE);
    const checked = execFileSync(join(ROOT, '../shared/checks/check-bundle'), [file], {
      encoding: 'utf8',
    });
    expect(checked).toMatch(/^OK: /);

    // The default case still holds the first capture only.
    await openCase(drivePlaywright(vault), 'default');
    await vault.waitForSelector(`#item-list [data-item-id="${before}"]`);
    expect(await listed(vault)).toEqual([before]);

    // Move the doxxing capture to the default case: the lists follow at once, no reload.
    await openCase(drivePlaywright(vault), caseId);
    await vault.check(`#item-list [data-item-id="${doxxing}"] input.export-select`);
    await vault.selectOption('#move-target', 'default');
    await vault.click('#move-button');
    await vault.waitForSelector(
      '#move-status[data-state="done"], #move-status[data-state="error"]',
    );
    expect(await vault.getAttribute('#move-status', 'data-state')).toBe('done');
    await vault.waitForSelector(`#item-list [data-item-id="${doxxing}"]`, { state: 'detached' });
    expect(await listed(vault)).toEqual([threat]);
    await openCase(drivePlaywright(vault), 'default');
    await vault.waitForSelector(`#item-list [data-item-id="${doxxing}"]`);
    expect((await listed(vault)).sort()).toEqual([before, doxxing].sort());
    // The same after a reload, from the vault itself.
    await vault.reload();
    await openCase(drivePlaywright(vault), 'default');
    await vault.waitForSelector(`#item-list [data-item-id="${doxxing}"]`);
    expect((await listed(vault)).sort()).toEqual([before, doxxing].sort());

    // The default case's bundle after the move: ids only in the log, stock tools check it.
    await vault.click('#export-case-button');
    await vault.waitForSelector(
      '#export-status[data-state="done"], #export-status[data-state="error"]',
      { timeout: 120_000 },
    );
    expect(await vault.getAttribute('#export-status', 'data-state')).toBe('done');
    const moved = await downloadedFile(
      drivePlaywright(vault),
      Number(await vault.getAttribute('#export-status', 'data-download-id')),
    );
    const movedZip = await JSZip.loadAsync(readFileSync(moved));
    const movedLog = await movedZip.file('custody-log.jsonl')!.async('string');
    expect(movedLog).toContain(
      `"type":"case-moved","details":{"caseId":"default","items":[{"itemId":"${doxxing}","from":"${caseId}"}]}`,
    );
    expect(movedLog).not.toContain(CASE_TITLE);
    expect(
      execFileSync(join(ROOT, '../shared/checks/check-bundle'), [moved], { encoding: 'utf8' }),
    ).toMatch(/^OK: /);
    const verified = runVerifyCli(moved);
    expect(verified.output).toMatch(/INTACT/);
    expect(verified.code).toBe(0);
  });
});

for (const lang of ['en', 'ar'] as const) {
  describe(`Chromium accessibility (${lang}) of the case views`, () => {
    const suite = useChromiumIn(lang);

    it('axe finds no serious or critical violation on the case list, form, case and campaign', async () => {
      const { session, server } = suite;
      const findings: AxeFinding[] = [];
      const vault = await session.vaultPage();
      const audit = async (page: Page, label: string) => {
        if (lang === 'ar') expect(await page.evaluate('document.documentElement.dir')).toBe('rtl');
        findings.push(...(await runAxe(page, label)));
      };
      await setUpVault(drivePlaywright(vault), 'A11y Collector');
      await vault.reload();
      await vault.waitForSelector('#case-view');
      await vault.click('#cases-button');
      await vault.click('#case-new-button');
      await vault.waitForSelector('#case-form');
      await audit(vault, 'case form');
      const caseId = await createCase(drivePlaywright(vault), 'A11y case');
      await audit(vault, 'case list');
      await captureInto(session, server.url('threat-post.html'), caseId);
      const popup = await session.openPopup();
      await popup.waitForSelector('#popup-case');
      await audit(popup, 'popup with case switch');
      await popup.close();
      await vault.bringToFront();
      await vault.reload();
      await openCase(drivePlaywright(vault), caseId);
      await vault.waitForSelector('#item-list [data-item-id]');
      await audit(vault, 'case captures with filters');
      await vault.click('#tab-campaign');
      await vault.waitForSelector('#campaign-view');
      await audit(vault, 'campaign view');
      const blocking = findings.filter((f) => BLOCKING.has(f.impact));
      expect(blocking, JSON.stringify(blocking, null, 2)).toEqual([]);
    });
  });
}

/** The shared Chromium suite, in Arabic when asked (Debian needs chromium-l10n for that). */
function useChromiumIn(lang: 'en' | 'ar') {
  if (lang === 'en') return useChromium('cases-a11y-en');
  if (!existsSync('/usr/lib/chromium/locales/ar.pak'))
    throw new Error('Chromium has no ar UI locale: apt-get install chromium-l10n');
  return useChromium('cases-a11y-ar', {
    extraArgs: ['--lang=ar'],
    env: { LANGUAGE: 'ar' },
  });
}
