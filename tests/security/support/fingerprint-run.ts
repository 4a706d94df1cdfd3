// SPDX-License-Identifier: AGPL-3.0-or-later
// One fingerprinting run for any browser: a page probes the extension's origin without Attest,
// with it installed and idle, before and after the user captures that very page; then the same
// against a leaky build (the positive control), with and without it installed. The browser
// specifics (how to launch, open a tab, drive the popup) come in a `ProbeBrowser`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../../scripts/drive/fixture-server.ts';
import { expectUndetectable } from './fingerprint-compare';
import { writeLeakyBuild, writeProbePage, type ProbeResult } from './fingerprint-probe';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface ProbeTab {
  probe(origin: string): Promise<ProbeResult>;
  /** Brings the tab to the front and captures it from the popup. */
  capture(): Promise<unknown>;
}

export interface ProbeSession {
  /** The installed extension's origin; undefined in a browser without it. */
  origin?: string;
  open(url: string): Promise<ProbeTab>;
  setUpVault(collector: string): Promise<unknown>;
  close(): Promise<void>;
}

export interface ProbeBrowser {
  name: 'chromium' | 'firefox';
  /** The built extension, below the repository root. */
  build: string;
  /** With `extensionDir` undefined: the same browser with nothing installed. */
  launch(userDataDir: string, extensionDir?: string): Promise<ProbeSession>;
}

async function within<T>(session: ProbeSession, run: (s: ProbeSession) => Promise<T>): Promise<T> {
  try {
    return await run(session);
  } finally {
    await session.close();
  }
}

function originOf(session: ProbeSession): string {
  if (!session.origin) throw new Error('the extension was not installed');
  return session.origin;
}

/** Declares the suite: one test, the whole matrix, 0 differences. */
export function describeFingerprinting(browser: ProbeBrowser): void {
  describe(`fingerprinting: ${browser.name} page probes`, () => {
    let work: string;
    let server: FixtureServer;
    let probeUrl: string;

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), `attest-fingerprint-${browser.name}-`));
      const page = writeProbePage(join(work, 'pages'));
      server = await startFixtureServer(join(work, 'pages'));
      probeUrl = server.url(page);
    });
    afterAll(async () => {
      await server?.close();
      rmSync(work, { recursive: true, force: true });
    });

    it('sees 0 differences with and without Attest, idle and after a capture', async () => {
      const built = join(ROOT, browser.build);
      const installed = await browser.launch(join(work, 'with'), built);
      const origin = originOf(installed);
      const { idle, beforeCapture, afterCapture } = await within(installed, async (s) => {
        const idle = await (await s.open(probeUrl)).probe(origin);
        await s.setUpVault('Probe Collector');
        const tab = await s.open(probeUrl);
        const beforeCapture = await tab.probe(origin);
        await tab.capture();
        return { idle, beforeCapture, afterCapture: await tab.probe(origin) };
      });
      // Positive control: the same build with one icon declared web-accessible, which is what
      // the probes exist to catch.
      const leakyBuild = writeLeakyBuild(built, join(work, 'leaky-build'));
      const leakySession = await browser.launch(join(work, 'leaky'), leakyBuild);
      const leakyOrigin = originOf(leakySession);
      const leaky = await within(leakySession, async (s) =>
        (await s.open(probeUrl)).probe(leakyOrigin),
      );
      // Nothing installed: what a page sees at those origins in a clean browser.
      const { without, withoutLeaky } = await within(
        await browser.launch(join(work, 'without')),
        async (s) => {
          const tab = await s.open(probeUrl);
          return { without: await tab.probe(origin), withoutLeaky: await tab.probe(leakyOrigin) };
        },
      );
      expectUndetectable(browser.name, {
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
}
