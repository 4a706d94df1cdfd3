// SPDX-License-Identifier: AGPL-3.0-or-later
// The invitation's Copy and Save in Firefox ESR, as chromium-invitation-revoke.test.ts does them in
// Chromium: what the clipboard and the saved file hold is the block the vault page shows.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drivePuppeteer } from '../../scripts/drive/firefox.ts';
import { inviteAlly, setUpVault } from '../../scripts/drive/flow.ts';
import { ROOT, useFirefox } from './support/suites.ts';

const messages = JSON.parse(
  readFileSync(join(ROOT, 'public/_locales/en/messages.json'), 'utf8'),
) as Record<string, { message: string }>;

/** The file once Firefox has finished writing it (no `.part` beside it). */
async function savedFile(path: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(path) || existsSync(`${path}.part`)) {
    if (Date.now() > deadline) throw new Error(`${path} was not saved`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return readFileSync(path, 'utf8');
}

describe('Firefox ESR: the defender copies and saves an invitation', () => {
  // Lets a web page read the clipboard back without Firefox's paste prompt.
  const suite = useFirefox('invitation-copy', { 'dom.events.testing.asyncClipboard': true });

  it('Copy puts the block on the clipboard, Save downloads the same text, a refused copy is said', async () => {
    const { session, server, work } = suite;
    const vault = drivePuppeteer(await session.vaultPage());
    await setUpVault(vault, 'E2E Defender');
    await vault.reload();
    await vault.waitFor('#case-view');
    const invitation = await inviteAlly(vault, 'posts attacking me');
    expect(invitation.armored).toMatch(/^-----BEGIN PGP SIGNED MESSAGE-----/);

    await vault.click('#invite-copy');
    await vault.waitFor('#invite-copy-status[data-state="yes"]');
    const reader = await session.browser.newPage();
    await reader.goto(server.url('threat-post.html'));
    await reader.bringToFront();
    // The textarea shows the block with LF line ends; the clipboard and the file hold the signed
    // text as made (CRLF), which verifies either way (OpenPGP canonicalises line ends).
    const copied = await reader.evaluate(() => navigator.clipboard.readText());
    expect(copied.replace(/\r\n/g, '\n')).toBe(invitation.armored);
    await reader.close();

    await vault.click('#invite-save');
    const saved = join(work, `attest-invitation-${invitation.sha256.slice(0, 8)}.asc`);
    expect(await savedFile(saved)).toBe(copied);

    // Firefox refuses the clipboard: the user is told, and the whole block is selected.
    await vault.evaluate(`navigator.clipboard.writeText = () =>
      Promise.reject(new DOMException('Clipboard write was blocked', 'NotAllowedError'))`);
    await vault.click('#invite-copy');
    await vault.waitFor('#invite-copy-status[data-state="failed"]');
    expect(await vault.text('#invite-copy-status')).toBe(messages.inviteCopyFailed!.message);
    expect(
      await vault.evaluate<string>(`(() => {
        const block = document.activeElement;
        return block.id + ' ' + (block.selectionEnd - block.selectionStart);
      })()`),
    ).toBe(`invite-block ${invitation.armored.length}`);
  });
});
