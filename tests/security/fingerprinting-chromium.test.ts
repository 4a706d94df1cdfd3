// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, fingerprinting: a page probes for Attest (its files, DOM and global changes) in
// Chromium without and with the extension installed, idle, and again after a capture of that very
// page (the injected capture script must leave no trace): 0 differences.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS, drivePlaywright, launchChromium } from '../../scripts/drive/chromium.ts';
import { startFixtureServer, type FixtureServer } from '../../scripts/drive/fixture-server.ts';
import { captureFromPopup, setUpVault } from '../../scripts/drive/flow.ts';
import { PROBE_SOURCE, probeDifferences, type ProbeResult } from './support/fingerprint-probe';

const ROOT = resolve(import.meta.dirname, '../..');

const probe = (page: Page, origin: string): Promise<ProbeResult> =>
  page.evaluate(`(${PROBE_SOURCE})(${JSON.stringify(origin)})`);

describe('fingerprinting: Chromium page probes', () => {
  let work: string;
  let server: FixtureServer;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'attest-fingerprint-'));
    mkdirSync(join(work, 'pages'));
    writeFileSync(
      join(work, 'pages', 'probe.html'),
      '<!doctype html><html><head><meta charset="utf-8"><title>probe</title></head>' +
        '<body><article><p>A post that will be captured.</p></article></body></html>\n',
    );
    server = await startFixtureServer(join(work, 'pages'));
  });
  afterAll(async () => {
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('sees 0 differences with and without Attest, idle and after a capture', async () => {
    const session = await launchChromium({
      extensionDir: join(ROOT, '.output/chrome-mv3'),
      userDataDir: join(work, 'with'),
    });
    let idle: ProbeResult;
    let afterCapture: ProbeResult;
    let beforeCapture: ProbeResult;
    const origin = session.origin;
    try {
      const vault = drivePlaywright(await session.vaultPage());
      const idlePage = await session.context.newPage();
      await idlePage.goto(server.url('probe.html'));
      idle = await probe(idlePage, origin);
      await setUpVault(vault, 'Probe Collector');
      const page = await session.context.newPage();
      await page.goto(server.url('probe.html'));
      beforeCapture = await probe(page, origin);
      await page.bringToFront();
      await captureFromPopup(drivePlaywright(await session.openPopup()));
      afterCapture = await probe(page, origin);
    } finally {
      await session.close();
    }
    // Positive control in the browser: a copy of the build that exposes one icon as a
    // web-accessible resource, which is what the probes exist to catch.
    const leaky = join(work, 'leaky-build');
    cpSync(join(ROOT, '.output/chrome-mv3'), leaky, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(leaky, 'manifest.json'), 'utf8')) as object;
    writeFileSync(
      join(leaky, 'manifest.json'),
      JSON.stringify({
        ...manifest,
        web_accessible_resources: [{ resources: ['icon/16.png'], matches: ['<all_urls>'] }],
      }),
    );
    const leakySession = await launchChromium({
      extensionDir: leaky,
      userDataDir: join(work, 'leaky'),
    });
    let leakyProbe: ProbeResult;
    const leakyOrigin = leakySession.origin;
    try {
      const page = await leakySession.context.newPage();
      await page.goto(server.url('probe.html'));
      leakyProbe = await probe(page, leakyOrigin);
    } finally {
      await leakySession.close();
    }
    // The same extension ids, but nothing installed: what a page sees on a clean browser.
    const bare = await chromium.launchPersistentContext(join(work, 'without'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: CHROMIUM_FLAGS,
    });
    let without: ProbeResult;
    let withoutLeaky: ProbeResult;
    try {
      const page = await bare.newPage();
      await page.goto(server.url('probe.html'));
      without = await probe(page, origin);
      withoutLeaky = await probe(page, leakyOrigin);
    } finally {
      await bare.close();
    }
    const installed = probeDifferences(without, idle);
    const captured = probeDifferences(beforeCapture, afterCapture);
    console.log(
      `fingerprinting chromium: ${idle.globals.length} globals, ${Object.keys(idle.resources).length} resource probes of ${origin}; ` +
        `${installed.length} differences installed vs not installed, ${captured.length} after a capture of the page; ` +
        `fetch timings (ms) without ${JSON.stringify(without.timingsMs)} with ${JSON.stringify(idle.timingsMs)}`,
    );
    expect(installed).toEqual([]);
    expect(captured).toEqual([]);

    const leaks = probeDifferences(withoutLeaky, leakyProbe);
    console.log(
      `fingerprinting positive control (build exposing icon/16.png): ${leaks.length} differences: ${leaks.join('; ')}`,
    );
    expect(leaks.length).toBeGreaterThan(0);

    // And the comparison itself notices a global, a DOM attribute and a resource change.
    const planted: ProbeResult = {
      ...afterCapture,
      globals: [...afterCapture.globals, '__attestProbeControl'],
      html: afterCapture.html.replace('<body>', '<body data-attest="1">'),
      resources: { ...afterCapture.resources, 'fetch /manifest.json': 'status 200' },
    };
    const control = probeDifferences(afterCapture, planted);
    console.log(`fingerprinting positive control: ${control.length}/3 planted differences seen`);
    expect(control).toHaveLength(3);
  });
});
