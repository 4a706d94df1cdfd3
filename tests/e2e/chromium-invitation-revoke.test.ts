// SPDX-License-Identifier: AGPL-3.0-or-later
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drivePlaywright } from '../../scripts/drive/chromium.ts';
import { setUpVault } from '../../scripts/drive/flow.ts';
import { ROOT, useChromium } from './support/suites.ts';

const messages = JSON.parse(
  readFileSync(join(ROOT, 'public/_locales/en/messages.json'), 'utf8'),
) as Record<string, { message: string }>;

describe('Chromium: the defender gives and revokes an invitation from its case', () => {
  const suite = useChromium('invitation-revoke');

  it('the row shows the revocation, read back from the vault after a reload', async () => {
    const vault = await suite.session.vaultPage();
    await setUpVault(drivePlaywright(vault), 'E2E Defender');
    await vault.reload();
    await vault.waitForSelector('#case-view');
    await vault.click('#invite-open');
    await vault.fill('#invite-scope', 'posts attacking me');
    await vault.click('#invite-create');
    await vault.waitForSelector('#invite-status[data-state="done"]', { timeout: 60_000 });
    const row = vault.locator('#invite-list li').first();
    await row.waitFor();
    const sha256 = (await row.getAttribute('data-sha256')) ?? '';
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    await row.locator('button.invite-revoke').click();
    await row.locator('.invite-revoked').waitFor();
    expect(await row.locator('button.invite-revoke').count()).toBe(0);
    // Read back from the vault after a reload.
    await vault.reload();
    await vault.waitForSelector(`#invite-list li[data-sha256="${sha256}"] .invite-revoked`);
  });

  it('Copy puts the block on the clipboard, Save downloads it, a refused copy is said', async () => {
    const { session } = suite;
    const vault = await session.vaultPage();
    await vault.bringToFront();
    await vault.click('#invite-open');
    await vault.fill('#invite-scope', 'posts attacking me, second invitation');
    await vault.click('#invite-create');
    await vault.waitForSelector('#invite-result', { timeout: 60_000 });
    const sha256 = (await vault.getAttribute('#invite-result', 'data-sha256')) ?? '';
    const armored = await vault.inputValue('#invite-block');
    expect(armored).toMatch(/^-----BEGIN PGP SIGNED MESSAGE-----/);

    await vault.click('#invite-copy');
    await vault.waitForSelector('#invite-copy-status[data-state="yes"]');
    // Read back from a web page (Chromium grants no permission to an extension's origin here).
    await session.context.grantPermissions(['clipboard-read'], { origin: suite.server.origin });
    const reader = await session.context.newPage();
    await reader.goto(suite.server.url('threat-post.html'));
    await reader.bringToFront();
    // The textarea shows the block with its line ends as LF; the clipboard and the file hold the
    // signed text as made (CRLF), which verifies either way (OpenPGP canonicalises line ends).
    const copied = await reader.evaluate(() => navigator.clipboard.readText());
    expect(copied.replace(/\r\n/g, '\n')).toBe(armored);
    await reader.close();
    await vault.bringToFront();

    const [download] = await Promise.all([
      vault.waitForEvent('download'),
      vault.click('#invite-save'),
    ]);
    expect(download.suggestedFilename()).toBe(`attest-invitation-${sha256.slice(0, 8)}.asc`);
    expect(readFileSync(await download.path(), 'utf8')).toBe(copied);

    // The browser refuses the clipboard (as when the page is not focused): the user is told, and
    // the whole block is selected for the keyboard.
    await vault.evaluate(() => {
      navigator.clipboard.writeText = () =>
        Promise.reject(new DOMException('Document is not focused.', 'NotAllowedError'));
    });
    await vault.click('#invite-copy');
    await vault.waitForSelector('#invite-copy-status[data-state="failed"]');
    expect(await vault.textContent('#invite-copy-status')).toBe(messages.inviteCopyFailed!.message);
    expect(
      await vault.evaluate(() => {
        const block = document.activeElement as HTMLTextAreaElement;
        return `${block.id} ${block.selectionEnd - block.selectionStart}`;
      }),
    ).toBe(`invite-block ${armored.length}`);
  });
});
