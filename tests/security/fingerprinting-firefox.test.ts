// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, fingerprinting (Firefox ESR): the Chromium test's probes and comparison, run in Firefox
// over WebDriver BiDi. The page probes moz-extension://<uuid> (the uuid is random per install, so a
// real page would have to guess it; the test hands it the right one), without and with Attest
// installed, idle and after a capture of that very page: 0 differences.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { drivePuppeteer, FIREFOX_PREFS } from '../../scripts/drive/firefox.ts';
import { launchFirefoxWithProfile } from '../../scripts/drive/firefox-profile.ts';
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
  page.evaluate(probeExpression(origin)) as Promise<ProbeResult>;

describe('fingerprinting: Firefox page probes', () => {
  let work: string;
  let server: FixtureServer;
  let probePage: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'attest-fingerprint-firefox-'));
    probePage = writeProbePage(join(work, 'pages'));
    server = await startFixtureServer(join(work, 'pages'));
  });
  afterAll(async () => {
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('sees 0 differences with and without Attest, idle and after a capture', async () => {
    const session = await launchFirefoxWithProfile({
      extensionDir: join(ROOT, '.output/firefox-mv2'),
      userDataDir: join(work, 'with'),
    });
    const origin = `moz-extension://${session.uuid}`;
    let idle: ProbeResult;
    let beforeCapture: ProbeResult;
    let afterCapture: ProbeResult;
    try {
      const idlePage = await session.browser.newPage();
      await idlePage.goto(server.url(probePage));
      idle = await probe(idlePage, origin);
      // The driver fills fields only in the tab in front.
      await session.vaultPage.bringToFront();
      await setUpVault(drivePuppeteer(session.vaultPage), 'Probe Collector');
      const page = await session.browser.newPage();
      await page.goto(server.url(probePage));
      beforeCapture = await probe(page, origin);
      await page.bringToFront();
      await captureFromPopup(drivePuppeteer(await session.openPopup()));
      afterCapture = await probe(page, origin);
    } finally {
      await session.close();
    }
    // Positive control: the same build with icon/16.png declared web-accessible.
    const leakySession = await launchFirefoxWithProfile({
      extensionDir: writeLeakyBuild(join(ROOT, '.output/firefox-mv2'), join(work, 'leaky-build')),
      userDataDir: join(work, 'leaky'),
    });
    const leakyOrigin = `moz-extension://${leakySession.uuid}`;
    let leaky: ProbeResult;
    try {
      const page = await leakySession.browser.newPage();
      await page.goto(server.url(probePage));
      leaky = await probe(page, leakyOrigin);
    } finally {
      await leakySession.close();
    }
    // Nothing installed: what a page sees at those origins on a clean Firefox.
    const bare = await puppeteer.launch({
      browser: 'firefox',
      executablePath: '/usr/bin/firefox-esr',
      headless: true,
      userDataDir: join(work, 'without'),
      extraPrefsFirefox: FIREFOX_PREFS,
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
    expectUndetectable('firefox', {
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
