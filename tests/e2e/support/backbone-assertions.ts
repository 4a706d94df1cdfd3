// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from 'vitest';
import type { ItemJson } from '../../../lib/model/item.ts';
import { openBundle } from './bundle-contents.ts';
import { checkWithStockTools, runVerifyCli, tamperedCopy } from './stock-checks.ts';

/**
 * What every exported bundle of the backbone path must satisfy, whichever browser made it:
 * our verifier and the stock tools accept it, it holds the captured page's metadata and a
 * script-free DOM snapshot, and one changed byte makes both refuse it.
 */
export async function assertExportedBundle(options: {
  bundle: string;
  itemId: string;
  fingerprint: string;
  pageUrl: string;
  pageTitle: string;
  browserName: string;
}): Promise<void> {
  const { bundle, itemId, fingerprint } = options;
  const verified = runVerifyCli(bundle);
  expect(verified.output).toContain(fingerprint);
  expect(verified.code, verified.output).toBe(0);

  const stock = checkWithStockTools(bundle);
  expect(stock.gpgStatus).toContain(`VALIDSIG ${fingerprint}`);
  expect(stock.checkBundle).toMatch(/^OK: /);

  const contents = await openBundle(bundle);
  for (const name of [
    'SHA256SUMS',
    'SHA256SUMS.asc',
    'collector-key.asc',
    'manifest.json',
    'custody-log.jsonl',
    'README.txt',
  ]) {
    expect(contents.names).toContain(name);
  }
  const item = await contents.json<ItemJson>(`items/${itemId}/item.json`);
  expect(item.id).toBe(itemId);
  expect(item.source.url).toBe(options.pageUrl);
  expect(item.source.finalUrl).toBe(options.pageUrl);
  expect(item.source.title).toBe(options.pageTitle);
  expect(item.capturedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  expect(item.timezone.length).toBeGreaterThan(0);
  expect(item.environment.browser.name.toLowerCase()).toContain(options.browserName);
  expect(item.environment.viewport.width).toBeGreaterThan(0);
  expect(item.environment.devicePixelRatio).toBeGreaterThan(0);
  expect(item.collector.fingerprint.toUpperCase()).toBe(fingerprint);
  const roles = item.files.map((f) => f.role).sort();
  // Every page capture: both screenshots, the DOM snapshot and the self-contained HTML archive;
  // Chromium adds its MHTML archive. (Media files come only with a post that shows media.)
  const expected = ['dom-snapshot', 'page-archive-html', 'screenshot-full', 'screenshot-visible'];
  if (options.browserName === 'chrom') expected.push('page-archive-mhtml');
  expect(roles, `notes: ${JSON.stringify(item.notes)}`).toEqual(expected.sort());
  const sums = await contents.text('SHA256SUMS');
  for (const file of item.files) {
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sums).toContain(`${file.sha256}  items/${itemId}/${file.path}`);
  }
  const snapshot = await contents.text(
    `items/${itemId}/${item.files.find((f) => f.role === 'dom-snapshot')?.path}`,
  );
  expect(snapshot).toContain('We know where you live');
  expect(snapshot).not.toMatch(/<script/i);
  expect(snapshot).not.toMatch(/onclick=/i);
  expect(snapshot).not.toContain('javascript:alert');
  const custody = (await contents.text('custody-log.jsonl')).trim().split('\n');
  expect(custody.some((l) => l.includes('"captured"') && l.includes(itemId))).toBe(true);

  const tampered = tamperedCopy(bundle);
  const refused = runVerifyCli(tampered);
  expect(refused.code, refused.output).toBe(1);
  expect(() => checkWithStockTools(tampered)).toThrow();
}
