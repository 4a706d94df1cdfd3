// SPDX-License-Identifier: AGPL-3.0-or-later
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  drivePlaywright,
  launchChromium,
  type ChromiumSession,
} from '../../scripts/drive/chromium.ts';
import { startFixtureServer, type FixtureServer } from '../../scripts/drive/fixture-server.ts';
import { downloadedFile, exportItems, PASSPHRASE } from '../../scripts/drive/flow.ts';
import { writeInvitation } from '../../lib/allies/invitation';
import { generateIdentity } from '../../lib/crypto/index';
import { INVITATION_TYPE } from '../../lib/model/invitation';
import { runAxe, tabTo, type AxeFinding } from './support/a11y.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BLOCKING = new Set(['serious', 'critical']);

/** A signed invitation from another defender (a fresh key), valid for a week. */
async function foreignInvitation(): Promise<string> {
  const key = await generateIdentity({ name: 'Defender Elsewhere' });
  const now = Date.now();
  const { armored } = await writeInvitation(
    {
      type: INVITATION_TYPE,
      version: 1,
      id: 'a11y-invitation',
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 7 * 86_400_000).toISOString(),
      case: { id: 'their-case', title: 'Their campaign' },
      scope: 'Posts about them',
      defender: { name: 'Defender Elsewhere', fingerprint: key.fingerprint },
      defenderKey: key.publicKeyArmored,
    },
    key.privateKeyArmored,
  );
  return armored;
}

for (const lang of ['en', 'ar'] as const) {
  describe(`Chromium accessibility (${lang}): axe on every page, keyboard alone`, () => {
    let server: FixtureServer;
    let session: ChromiumSession;
    let work: string;
    let vault: Page;
    let itemId = '';
    const findings: AxeFinding[] = [];
    const audited: string[] = [];

    async function audit(page: Page, label: string): Promise<void> {
      if (lang === 'ar')
        expect(await page.evaluate('document.documentElement.dir'), label).toBe('rtl');
      findings.push(...(await runAxe(page, label)));
      audited.push(label);
    }

    beforeAll(async () => {
      // Debian's chromium without chromium-l10n has only en-US.pak and silently ignores --lang.
      if (lang !== 'en' && !existsSync(`/usr/lib/chromium/locales/${lang}.pak`))
        throw new Error(`Chromium has no ${lang} UI locale: apt-get install chromium-l10n`);
      work = mkdtempSync(join(tmpdir(), `attest-e2e-a11y-${lang}-`));
      server = await startFixtureServer(join(ROOT, 'tests/fixtures/pages'));
      session = await launchChromium({
        extensionDir: join(ROOT, '.output/chrome-mv3'),
        userDataDir: join(work, 'profile'),
        ...(lang === 'ar' ? { extraArgs: ['--lang=ar'], env: { LANGUAGE: 'ar' } } : {}),
      });
      vault = await session.vaultPage();
    });

    afterAll(async () => {
      await session?.close();
      await server?.close();
      rmSync(work, { recursive: true, force: true });
    });

    it('sets up the vault with the keyboard alone', async () => {
      await vault.waitForSelector('#setup-passphrase');
      await audit(vault, 'vault setup');
      await tabTo(vault, '#setup-name');
      await vault.keyboard.type('Keyboard Collector');
      await tabTo(vault, '#setup-passphrase');
      await vault.keyboard.type(PASSPHRASE);
      await tabTo(vault, '#setup-passphrase-confirm');
      await vault.keyboard.type(PASSPHRASE);
      await vault.keyboard.press('Enter');
      await vault.waitForSelector('#fingerprint', { timeout: 60_000 });
      await audit(vault, 'vault setup done (fingerprint)');
    });

    it('captures from the popup, opens the capture and reveals its image by keyboard', async () => {
      const page = await session.context.newPage();
      await page.goto(server.url('threat-post.html'));
      await page.bringToFront();
      const popup = await session.openPopup();
      await popup.waitForSelector('#capture-button');
      await audit(popup, 'popup (unlocked)');
      await tabTo(popup, '#capture-button');
      await popup.keyboard.press('Enter');
      await popup.waitForSelector('#capture-status[data-state="done"]', { timeout: 60_000 });
      itemId = (await popup.getAttribute('#capture-status', 'data-item-id')) ?? '';
      await audit(popup, 'popup (captured)');
      await popup.close();

      await vault.bringToFront();
      await tabTo(vault, 'button.primary');
      await vault.keyboard.press('Enter');
      await vault.waitForSelector(`#item-list [data-item-id="${itemId}"] figure.sensitive`);
      expect(await vault.getAttribute('#item-list figure.sensitive', 'data-veiled')).toBe('true');
      await audit(vault, 'vault list with an item');

      await tabTo(vault, `#item-list [data-item-id="${itemId}"] .meta a`);
      await vault.keyboard.press('Enter');
      await vault.waitForSelector('#item-detail figure.sensitive[data-veiled="true"]');
      // Focus moved to the capture's heading, so the next Tab continues inside the detail.
      expect(await vault.evaluate('document.activeElement?.tagName')).toBe('H2');
      await audit(vault, 'item detail (image veiled)');
      await tabTo(vault, '#item-detail button.reveal-image');
      await vault.keyboard.press('Space');
      await vault.waitForSelector('#item-detail figure.sensitive[data-veiled="false"]');
      await tabTo(vault, '#show-source');
      await vault.keyboard.press('Enter');
      await vault.waitForSelector('#item-detail pre.source');
      await audit(vault, 'item detail (image revealed, source shown)');

      // Leaving the view veils the image again.
      await tabTo(vault, '#item-detail > button:first-of-type');
      await vault.keyboard.press('Enter');
      await vault.waitForSelector('#item-list figure.sensitive[data-veiled="true"]');
    });

    it('list in the UI language, right to left in Arabic', async () => {
      const digits = await vault.textContent('#item-list time');
      expect(digits ?? '').not.toBe('');
      if (lang !== 'ar') return;
      await vault.setViewportSize({ width: 1000, height: 800 });
      await vault.screenshot({
        path: join(process.env.A11Y_SCREENSHOT_DIR ?? work, 'vault-list-ar.png'),
      });
      const box = await vault.locator('h1').first().boundingBox();
      expect(box).not.toBeNull();
      console.log(
        `Arabic vault list: h1 spans x=${box?.x}…${(box?.x ?? 0) + (box?.width ?? 0)} of 1000`,
      );
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeGreaterThan(1000 - 60);
      expect(box?.x ?? 0).toBeGreaterThan(500);
      // Dates and digits follow the Arabic UI (Arabic-Indic digits or Arabic month names).
      expect(digits ?? '').toMatch(/[\u0600-\u06FF\u0660-\u0669]/);
    });

    it('ally panels by keyboard: invite, accept (refused, preview, accepted), import refused', async () => {
      await vault.bringToFront();
      await tabTo(vault, '#invite-open', 150);
      await vault.keyboard.press('Enter');
      await vault.waitForSelector('#invite-scope');
      await audit(vault, 'invite an ally (form)');
      await tabTo(vault, '#invite-scope', 150);
      await vault.keyboard.type('Posts about me on social.example');
      await tabTo(vault, '#invite-create', 150);
      await vault.keyboard.press('Enter');
      await vault.waitForSelector('#invite-result', { timeout: 60_000 });
      await vault.waitForSelector('#invite-list li');
      await audit(vault, 'invitation issued (block and list)');
      const own = await vault.inputValue('#invite-block');

      await tabTo(vault, '#cases-button', 150);
      await vault.keyboard.press('Enter');
      await vault.waitForSelector('#ally-accept');
      await audit(vault, 'cases with the ally panels');
      // The vault's own invitation is refused, with its own message.
      await vault.fill('#accept-text', own);
      await tabTo(vault, '#accept-check', 150);
      await vault.keyboard.press('Enter');
      await vault.waitForSelector('#accept-status[data-code="own"]');
      await audit(vault, 'invitation refused');
      // Another defender's invitation: the preview with the fingerprint to confirm, then accept.
      await vault.fill('#accept-text', await foreignInvitation());
      await tabTo(vault, '#accept-check', 150);
      await vault.keyboard.press('Enter');
      await vault.waitForSelector('#accept-preview', { timeout: 60_000 });
      await audit(vault, 'invitation preview');
      await tabTo(vault, '#accept-confirm', 150);
      await vault.keyboard.press('Enter');
      await vault.waitForSelector('#ally-hand-over', { timeout: 60_000 });
      await audit(vault, 'case opened from an invitation (hand-over)');
      await tabTo(vault, '#hand-over-delete', 150);

      await tabTo(vault, '#cases-button', 150);
      await vault.keyboard.press('Enter');
      await tabTo(vault, '#import-file', 150);
      const junk = join(work, 'not-a-hand-over.zip.gpg');
      writeFileSync(junk, 'not an OpenPGP message');
      await vault.setInputFiles('#import-file', junk);
      await vault.waitForSelector('#import-status[data-state="refused"]', { timeout: 60_000 });
      await audit(vault, 'hand-over refused');
    });

    it('settings, verify (empty and with a result), unlock and the locked popup', async () => {
      await vault.click('#settings-button');
      await vault.waitForSelector('#auto-lock-minutes:not([disabled])');
      await audit(vault, 'settings');

      const { downloadId } = await exportItems(drivePlaywright(vault), [itemId]);
      const bundle = await downloadedFile(drivePlaywright(vault), downloadId);
      const verify = await session.openExtensionPage('/verify.html');
      await verify.waitForSelector('#verify-file');
      await audit(verify, 'verify (empty)');
      await verify.setInputFiles('#verify-file', bundle);
      await verify.waitForSelector('#verify-status[data-state="done"]', { timeout: 60_000 });
      await audit(verify, 'verify (intact bundle)');
      // Control: the harness does report a violation (an unlabelled field is critical for axe).
      await verify.evaluate(() => {
        const input = document.createElement('input');
        input.id = 'a11y-control';
        document.body.append(input);
      });
      expect((await runAxe(verify, 'control')).map((f) => f.id)).toContain('label');
      await verify.evaluate(() => document.getElementById('a11y-control')?.remove());

      await vault.bringToFront();
      await vault.click('#lock-button');
      await vault.waitForSelector('#unlock-passphrase');
      await audit(vault, 'vault unlock');
      const popup = await session.openPopup();
      await popup.waitForSelector('#unlock-passphrase');
      await audit(popup, 'popup (locked)');
    });

    it('axe finds no serious or critical violation on any of them', () => {
      const minor = findings.filter((f) => !BLOCKING.has(f.impact));
      console.log(
        `axe (${lang}): ${audited.length} page states; ${minor.length} minor/moderate: ` +
          minor.map((f) => `${f.page}: ${f.id} (${f.impact})`).join('; '),
      );
      expect(audited.length).toBeGreaterThanOrEqual(11);
      expect(findings.filter((f) => BLOCKING.has(f.impact))).toEqual([]);
    });
  });
}
