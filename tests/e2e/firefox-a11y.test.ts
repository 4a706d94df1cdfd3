// SPDX-License-Identifier: AGPL-3.0-or-later
import { existsSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { drivePuppeteer } from '../../scripts/drive/firefox.ts';
import {
  captureFromPopup,
  downloadedFile,
  exportItems,
  setUpVault,
} from '../../scripts/drive/flow.ts';
import { runAxeBidi, type AxeFinding } from './support/a11y.ts';
import { useFirefox } from './support/suites.ts';

const BLOCKING = new Set(['serious', 'critical']);
// Debian's firefox-esr-l10n-ar; without it Firefox ignores the requested locale and stays en-US.
const AR_LANGPACK =
  '/usr/lib/firefox-esr/browser/extensions/langpack-ar@firefox-esr.mozilla.org.xpi';

/** Navigates an extension page to another page of the extension (the driver may not). */
async function goTo(page: Page, path: string, ready: string): Promise<void> {
  await page.evaluate(`location.href = ${JSON.stringify(path)}`);
  await new Promise((r) => setTimeout(r, 500));
  await page.waitForSelector(ready, { timeout: 30_000 });
}

for (const lang of ['en', 'ar'] as const) {
  describe(`Firefox ESR accessibility (${lang}): axe on every extension page`, () => {
    if (lang === 'ar' && !existsSync(AR_LANGPACK))
      throw new Error(
        'Firefox ESR has no Arabic language pack: apt-get install firefox-esr-l10n-ar',
      );
    const suite = useFirefox(
      `a11y-${lang}`,
      lang === 'ar' ? { 'intl.locale.requested': 'ar' } : {},
    );
    const findings: AxeFinding[] = [];
    const audited: string[] = [];

    async function audit(page: Page, label: string): Promise<void> {
      const dir = await page.evaluate('document.documentElement.dir');
      expect(dir, label).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      findings.push(...(await runAxeBidi(page, label)));
      audited.push(label);
    }

    it('setup, popup, captures, detail, campaign, cases, settings, verify, unlock', async () => {
      const { session, server } = suite;
      const vault = await session.vaultPage();
      const drive = drivePuppeteer(vault);
      await vault.waitForSelector('#setup-passphrase');
      await audit(vault, 'vault setup');
      await setUpVault(drive, 'A11y Collector');
      await audit(vault, 'vault setup done (fingerprint)');

      const tab = await session.browser.newPage();
      await tab.goto(server.url('threat-post.html'));
      await tab.bringToFront();
      const popup = await session.openPopup(vault);
      await popup.waitForSelector('#capture-button');
      await audit(popup, 'popup (unlocked)');
      const itemId = await captureFromPopup(drivePuppeteer(popup));
      await audit(popup, 'popup (captured)');
      await popup.close();

      await drive.reload();
      await drive.waitFor(`#item-list [data-item-id="${itemId}"]`);
      await audit(vault, 'case captures with an item');
      await drive.click(`#item-list [data-item-id="${itemId}"] .meta a`);
      await drive.waitFor('#item-detail figure.sensitive[data-veiled="true"]');
      await audit(vault, 'item detail (image veiled)');
      await drive.click('#item-detail button.reveal-image');
      await drive.waitFor('#item-detail figure.sensitive[data-veiled="false"]');
      await drive.click('#show-source');
      await drive.waitFor('#item-detail pre.source');
      await audit(vault, 'item detail (image revealed, source shown)');
      await drive.click('#item-detail > button:first-of-type');
      await drive.waitFor('#tab-campaign');
      await drive.click('#tab-campaign');
      await drive.waitFor('#campaign-view');
      await audit(vault, 'campaign view');

      await drive.click('#cases-button');
      await drive.waitFor('#case-new-button');
      await audit(vault, 'case list');
      await drive.click('#case-new-button');
      await drive.waitFor('#case-form');
      await audit(vault, 'case form');
      await drive.fill('#case-title', 'A11y case');
      await drive.click('#case-save');
      await drive.waitFor('#case-list li:nth-child(2)');
      await drive.click('#case-list li[data-case-id="default"] a.case-link');
      await drive.waitFor('#move-to-case');
      await audit(vault, 'case with another case to move to');

      await drive.click('#settings-button');
      await drive.waitFor('#auto-lock-minutes:not([disabled])');
      await audit(vault, 'settings');

      const { downloadId } = await exportItems(drive, [itemId]);
      const bundle = await downloadedFile(drive, downloadId);
      await goTo(vault, '/verify.html', '#verify-file');
      await audit(vault, 'verify (empty)');
      const input = await vault.waitForSelector('input#verify-file');
      await input!.uploadFile(bundle);
      await vault.waitForSelector('#verify-status[data-state="done"]', { timeout: 60_000 });
      await audit(vault, 'verify (intact bundle)');
      // Control: the harness does report a violation (an unlabelled field is critical for axe).
      await vault.evaluate(
        "document.body.append(Object.assign(document.createElement('input'), { id: 'a11y-control' }))",
      );
      expect((await runAxeBidi(vault, 'control')).map((f) => f.id)).toContain('label');

      await goTo(vault, '/vault.html', '#lock-button');
      await drive.click('#lock-button');
      await drive.waitFor('#unlock-passphrase');
      await audit(vault, 'vault unlock');
      const locked = await session.openPopup(vault);
      await locked.waitForSelector('#unlock-passphrase');
      await audit(locked, 'popup (locked)');
      await locked.close();
    });

    it('axe finds no serious or critical violation on any of them', () => {
      const minor = findings.filter((f) => !BLOCKING.has(f.impact));
      console.log(
        `axe Firefox (${lang}): ${audited.length} page states; ${minor.length} minor/moderate: ` +
          minor.map((f) => `${f.page}: ${f.id} (${f.impact})`).join('; '),
      );
      expect(audited.length).toBeGreaterThanOrEqual(15);
      const blocking = findings.filter((f) => BLOCKING.has(f.impact));
      expect(blocking, JSON.stringify(blocking, null, 2)).toEqual([]);
    });
  });
}
