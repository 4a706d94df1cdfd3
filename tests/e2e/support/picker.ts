// SPDX-License-Identifier: AGPL-3.0-or-later
import type { DrivenPage } from '../../../scripts/drive/flow.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for the picker's overlay (a new child of <html> at the top z-index) to be shown or gone. */
export async function waitForPicker(page: DrivenPage, shown: boolean): Promise<void> {
  for (let i = 0; i < 150; i++) {
    const present = await page.evaluate<boolean>(
      `Array.from(document.documentElement.children).some((c) =>
        (c.getAttribute('style') ?? '').includes('2147483647'))`,
    );
    if (present === shown) return;
    await pause(200);
  }
  throw new Error(`the picker was ${shown ? 'not shown' : 'still shown'}`);
}
