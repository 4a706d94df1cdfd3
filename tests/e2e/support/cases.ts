// SPDX-License-Identifier: AGPL-3.0-or-later
// Case steps on the vault page and the popup that several tests share, in either browser.
import type { Page } from 'playwright-core';
import { drivePlaywright } from '../../../scripts/drive/chromium.ts';
import { captureFromPopup, type DrivenPage } from '../../../scripts/drive/flow.ts';

/** Creates a case on the vault page and returns its id (read from the case list). */
export async function createCase(vault: DrivenPage, title: string): Promise<string> {
  await vault.click('#cases-button');
  await vault.click('#case-new-button');
  await vault.fill('#case-title', title);
  await vault.fill('#case-target', 'Ana D.');
  await vault.fill('#case-notes', 'Coordinated posts after the March interview.');
  await vault.click('input[name=case-tlp][value=RED]');
  await vault.click('#case-save');
  const rowId = `Array.from(document.querySelectorAll('#case-list li'))
    .find((li) => li.textContent.includes(${JSON.stringify(title)}))?.dataset.caseId ?? ''`;
  for (let i = 0; i < 150; i++) {
    const id = await vault.evaluate<string>(rowId);
    if (id) return id;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the case "${title}" was not listed`);
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
  const id = await captureInCase(drivePlaywright(popup), caseId);
  await popup.close();
  await page.close();
  return id;
}

/** In an open popup: points it at `caseId`, then captures the tab it targets. */
export async function captureInCase(popup: DrivenPage, caseId: string): Promise<string> {
  await popup.waitFor('#popup-case');
  if ((await popup.attr('#popup-case', 'data-current')) !== caseId) {
    await popup.select('#popup-case', caseId);
    await popup.waitFor(`#popup-case[data-current="${caseId}"]`);
  }
  return captureFromPopup(popup);
}

export async function openCase(vault: DrivenPage, caseId: string): Promise<void> {
  await vault.click('#cases-button');
  await vault.click(`#case-list li[data-case-id="${caseId}"] a.case-link`);
  await vault.waitFor(`#case-view[data-case-id="${caseId}"]`);
}
