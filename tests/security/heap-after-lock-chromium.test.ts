// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, item 3: after locking, the data key is gone from the extension's memory as far as the
// browser lets JavaScript decide. Heap snapshots (CDP HeapProfiler) of the service worker and of the
// vault page are searched for the key as storage.session holds it (base64) and as hex.
// Positive control: the same search finds the key while the test itself holds a reference to it.
// What a V8 snapshot cannot show: ArrayBuffer contents (raw key bytes, zeroed after use) and
// the material of non-extractable CryptoKeys, which lives in the browser's C++ heap.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type CDPSession } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  drivePlaywright,
  launchChromium,
  type ChromiumSession,
} from '../../scripts/drive/chromium.ts';
import { setUpVault } from '../../scripts/drive/flow.ts';

const ROOT = resolve(import.meta.dirname, '../..');
// Run in extension contexts, where `chrome` exists; written as source because Node's types lack it.
const READ_KEY = `(async () => (await chrome.storage.session.get('attest.dataKey'))['attest.dataKey'])()`;
const HOLD_KEY = `(async () => { globalThis.probe = await ${READ_KEY}; })()`;

async function snapshot(cdp: CDPSession): Promise<string> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => void chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.enable');
  // takeHeapSnapshot runs a full garbage collection first: only what is still referenced remains.
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  return chunks.join('');
}

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe('heap snapshots after lock (Chromium)', () => {
  let work: string;
  let session: ChromiumSession;
  let cdpBrowser: Browser;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'attest-heap-'));
    session = await launchChromium({
      extensionDir: join(ROOT, '.output/chrome-mv3'),
      userDataDir: join(work, 'profile'),
      extraArgs: ['--remote-debugging-port=0'],
    });
    const port = readFileSync(join(work, 'profile', 'DevToolsActivePort'), 'utf8').split('\n')[0];
    cdpBrowser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await cdpBrowser?.disconnect();
    await session?.close();
    rmSync(work, { recursive: true, force: true });
  });

  async function cdpFor(kind: 'service_worker' | 'page', path: string): Promise<CDPSession> {
    const target = await cdpBrowser.waitForTarget(
      (t) => String(t.type()) === kind && t.url().startsWith(`${session.origin}${path}`),
    );
    return target.createCDPSession();
  }

  it('finds the data key in 0 snapshots after lock; finds it while a reference is held', async () => {
    const vaultPage = await session.vaultPage();
    const vault = drivePlaywright(vaultPage);
    await setUpVault(vault, 'Heap Collector');
    const worker = session.context.serviceWorkers()[0]!;
    const keyB64 = await worker.evaluate<string>(READ_KEY);
    expect(keyB64).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const keyHex = Buffer.from(keyB64, 'base64').toString('hex');
    const hits = (snap: string) => count(snap, keyB64) + count(snap, keyHex);

    const sw = await cdpFor('service_worker', '/');
    const page = await cdpFor('page', '/vault.html');
    const figures: Record<string, number> = {};
    figures['unlocked, worker'] = hits(await snapshot(sw));
    figures['unlocked, vault page'] = hits(await snapshot(page));

    // Positive control: hold the key where each snapshot can see it.
    await worker.evaluate(HOLD_KEY);
    await vaultPage.evaluate(HOLD_KEY);
    figures['control, worker'] = hits(await snapshot(sw));
    figures['control, vault page'] = hits(await snapshot(page));
    await worker.evaluate(() => void delete (globalThis as Record<string, unknown>).probe);

    await vault.click('#lock-button');
    await vault.waitFor('#unlock-passphrase', 30_000);
    expect(await worker.evaluate(READ_KEY)).toBeUndefined();
    // The vault page reloaded itself on lock: the page the control wrote into is gone.
    expect(await vaultPage.evaluate(() => 'probe' in globalThis)).toBe(false);
    const pageAfter = await cdpFor('page', '/vault.html');
    figures['locked, worker'] = hits(await snapshot(sw));
    figures['locked, vault page'] = hits(await snapshot(pageAfter));
    console.log(`heap snapshots, data key hits (base64 + hex): ${JSON.stringify(figures)}`);

    expect(figures['control, worker']).toBeGreaterThan(0);
    expect(figures['control, vault page']).toBeGreaterThan(0);
    expect(figures['locked, worker']).toBe(0);
    expect(figures['locked, vault page']).toBe(0);
  });
});
