// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { drivePlaywright } from '../../scripts/drive/chromium.ts';
import { setUpVault } from '../../scripts/drive/flow.ts';
import { useChromium } from './support/suites.ts';

interface Seen {
  state: string;
  /** Milliseconds from the first click. */
  at: number;
  /** Whether the page and post capture buttons were disabled then. */
  disabled: boolean[];
}

/**
 * Clicks Capture twice in one task (faster than any redraw) and records, from the popup itself,
 * every state its status takes until the capture ends.
 */
function doubleClickCapture(popup: Page): Promise<Seen[]> {
  return popup.evaluate(
    () =>
      new Promise<Seen[]>((resolve, reject) => {
        const button = document.querySelector<HTMLButtonElement>('#capture-button');
        const status = document.querySelector<HTMLElement>('#capture-status');
        if (!button || !status) return reject(new Error('popup not ready'));
        const seen: Seen[] = [];
        let clicked = NaN;
        const observer = new MutationObserver(() => {
          const state = status.dataset.state ?? '';
          if (seen.at(-1)?.state === state) return;
          const buttons = document.querySelectorAll<HTMLButtonElement>(
            '#capture-button, #capture-post-button',
          );
          seen.push({
            state,
            at: performance.now() - clicked,
            disabled: [...buttons].map((b) => b.disabled),
          });
          if (state === 'done' || state === 'error') {
            observer.disconnect();
            resolve(seen);
          }
        });
        observer.observe(status, { attributes: true });
        clicked = performance.now();
        button.click();
        button.click();
      }),
  );
}

describe('Chromium: what the popup shows while it captures', () => {
  const suite = useChromium('popup-feedback');

  it('says "working" only after 0.1 s, then keeps both buttons disabled; a double click is one capture', async () => {
    const { session, server } = suite;
    const vaultPage = await session.vaultPage();
    await setUpVault(drivePlaywright(vaultPage), 'Feedback Collector');
    const page = await session.context.newPage();
    const popup = await session.openPopup();
    await popup.waitForSelector('#capture-button');

    // A tall page: its full-page capture takes seconds, so "working" must be shown.
    await page.goto(server.url('tall-page.html'));
    await page.bringToFront();
    const tall = await doubleClickCapture(popup);
    console.log(`tall page: ${JSON.stringify(tall)}`);
    expect(tall.map((s) => s.state)).toEqual(['working', 'done']);
    expect(tall[0]!.at).toBeGreaterThanOrEqual(100);
    expect(tall[0]!.disabled).toEqual([true, true]);
    expect(tall[1]!.disabled).toEqual([false, false]);

    // A one-screen page, in the same popup: the earlier result is cleared at the click (so the
    // new one is not mistaken for it, and is read out), then done, with "working" shown, if at
    // all, no sooner than 0.1 s.
    await page.goto(server.url('threat-post.html'));
    await page.bringToFront();
    await new Promise((r) => setTimeout(r, 1100)); // Chromium's 2 screenshots a second
    const short = await doubleClickCapture(popup);
    console.log(`one-screen page: ${JSON.stringify(short)}`);
    expect(short[0]).toMatchObject({ state: 'idle' });
    expect(short[0]!.at).toBeLessThan(100);
    expect(short.at(-1)!.state).toBe('done');
    for (const s of short.filter((x) => x.state === 'working'))
      expect(s.at).toBeGreaterThanOrEqual(100);

    // Four clicks, two captures.
    await vaultPage.reload();
    await vaultPage.waitForSelector('#item-list [data-item-id]');
    expect(await vaultPage.locator('#item-list [data-item-id]').count()).toBe(2);
  });
});
