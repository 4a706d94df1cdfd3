// SPDX-License-Identifier: AGPL-3.0-or-later
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface AxeFinding {
  page: string;
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Loads axe-core into the page and returns its violations on the whole document. */
export async function runAxe(page: Page, label: string): Promise<AxeFinding[]> {
  if ((await page.evaluate('typeof window.axe')) === 'undefined') {
    try {
      await page.evaluate(AXE_SOURCE);
    } catch {
      // Extension pages forbid eval by CSP; DevTools' Runtime.evaluate is not subject to it.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Runtime.evaluate', { expression: AXE_SOURCE });
      await cdp.detach();
    }
  }
  const found = await page.evaluate<Array<Omit<AxeFinding, 'page'>>>(AXE_RUN);
  return found.map((f) => ({ page: label, ...f }));
}

/** axe on the whole document, violations only, as plain data. */
const AXE_RUN = `
    axe.run(document, { resultTypes: ['violations'] }).then((r) =>
      r.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? 'unknown',
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      })),
    )`;

/**
 * The same for a page driven over WebDriver BiDi (Firefox): the driver's evaluation is not
 * bound by the extension page's CSP, so axe loads as a script.
 */
export async function runAxeBidi(
  page: { evaluate(expression: string): Promise<unknown> },
  label: string,
): Promise<AxeFinding[]> {
  if ((await page.evaluate('typeof window.axe')) === 'undefined') await page.evaluate(AXE_SOURCE);
  const found = (await page.evaluate(AXE_RUN)) as Array<Omit<AxeFinding, 'page'>>;
  return found.map((f) => ({ page: label, ...f }));
}

/** Presses Tab until the focused element matches `selector`; fails if focus shows no outline. */
export async function tabTo(page: Page, selector: string, maxPresses = 40): Promise<void> {
  for (let i = 0; i <= maxPresses; i++) {
    const state = await page.evaluate((sel) => {
      const el = document.activeElement;
      if (!el || !el.matches(sel)) return null;
      const style = getComputedStyle(el);
      return { outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    }, selector);
    if (state) {
      if (state.outline === 'none' || state.width < 1)
        throw new Error(`${selector} has focus but no visible outline`);
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}
