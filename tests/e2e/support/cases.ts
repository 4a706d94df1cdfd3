// SPDX-License-Identifier: AGPL-3.0-or-later
// Case steps on the vault page and the popup that several Chromium tests share.
import type { Page } from 'playwright-core';
import { drivePlaywright } from '../../../scripts/drive/chromium.ts';
import { captureFromPopup } from '../../../scripts/drive/flow.ts';

/** Creates a case on the vault page and returns its id (read from the case list). */
export async function createCase(vault: Page, title: string): Promise<string> {
  await vault.click('#cases-button');
  await vault.click('#case-new-button');
  await vault.fill('#case-title', title);
  await vault.fill('#case-target', 'Ana D.');
  await vault.fill('#case-notes', 'Coordinated posts after the March interview.');
  await vault.check('input[name=case-tlp][value=RED]');
  await vault.click('#case-save');
  const row = vault.locator('#case-list li', { hasText: title });
  await row.waitFor();
  return (await row.getAttribute('data-case-id')) ?? '';
}

/** Points the popup at `caseId`, then captures the tab showing `url`. */
export async function captureInto(
  session: { openPopup(): Promise<Page>; context: { newPage(): Promise<Page> } },
  url: string,
  caseId: string,
): Promise<string> {
  const page = await session.context.newPage();
  await page.goto(url);
  await page.bringToFront();
  const popup = await session.openPopup();
  await popup.waitForSelector('#popup-case');
  if ((await popup.getAttribute('#popup-case', 'data-current')) !== caseId) {
    await popup.selectOption('#popup-case', caseId);
    await popup.waitForSelector(`#popup-case[data-current="${caseId}"]`);
  }
  const id = await captureFromPopup(drivePlaywright(popup));
  await popup.close();
  await page.close();
  return id;
}

export async function openCase(vault: Page, caseId: string): Promise<void> {
  await vault.click('#cases-button');
  await vault.click(`#case-list li[data-case-id="${caseId}"] a.case-link`);
  await vault.waitForSelector(`#case-view[data-case-id="${caseId}"]`);
}
