// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, fingerprinting: a page probes for Attest (its files, DOM and global changes) in
// Chromium without and with the extension installed, idle, and again after a capture of that very
// page (the injected capture script must leave no trace): 0 differences.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { CHROMIUM_FLAGS, drivePlaywright, launchChromium } from '../../scripts/drive/chromium.ts';
import { startFixtureServer, type FixtureServer } from '../../scripts/drive/fixture-server.ts';
import { captureFromPopup, setUpVault } from '../../scripts/drive/flow.ts';
import { expectUndetectable } from './support/fingerprint-compare';
import {
  probeExpression,
  writeLeakyBuild,
  writeProbePage,
  type ProbeResult,
} from './support/fingerprint-probe';

const ROOT = resolve(import.meta.dirname, '../..');

const probe = (page: Page, origin: string): Promise<ProbeResult> =>
  page.evaluate(probeExpression(origin));

describe('fingerprinting: Chromium page probes', () => {
  let work: string;
  let server: FixtureServer;
  let probePage: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'attest-fingerprint-'));
    probePage = writeProbePage(join(work, 'pages'));
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
      await idlePage.goto(server.url(probePage));
      idle = await probe(idlePage, origin);
      await setUpVault(vault, 'Probe Collector');
      const page = await session.context.newPage();
      await page.goto(server.url(probePage));
      beforeCapture = await probe(page, origin);
      await page.bringToFront();
      await captureFromPopup(drivePlaywright(await session.openPopup()));
      afterCapture = await probe(page, origin);
    } finally {
      await session.close();
    }
    // Positive control in the browser: a copy of the build that exposes one icon as a
    // web-accessible resource, which is what the probes exist to catch.
    const leakySession = await launchChromium({
      extensionDir: writeLeakyBuild(join(ROOT, '.output/chrome-mv3'), join(work, 'leaky-build')),
      userDataDir: join(work, 'leaky'),
    });
    let leaky: ProbeResult;
    const leakyOrigin = leakySession.origin;
    try {
      const page = await leakySession.context.newPage();
      await page.goto(server.url(probePage));
      leaky = await probe(page, leakyOrigin);
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
      await page.goto(server.url(probePage));
      without = await probe(page, origin);
      withoutLeaky = await probe(page, leakyOrigin);
    } finally {
      await bare.close();
    }
    expectUndetectable('chromium', {
      origin,
      without,
      idle,
      beforeCapture,
      afterCapture,
      leakyOrigin,
      leaky,
      withoutLeaky,
    });
  });
});
