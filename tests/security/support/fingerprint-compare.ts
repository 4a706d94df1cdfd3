// SPDX-License-Identifier: AGPL-3.0-or-later
// The verdict of a fingerprinting run, the same for every browser: prints the figures, then
// asserts 0 differences installed vs not and before vs after a capture, and that the controls
// (a leaky build, and differences planted in a result) are seen.
import { expect } from 'vitest';
import { probeDifferences, type ProbeResult } from './fingerprint-probe';

export interface ProbeRuns {
  /** The extension's origin (chrome-extension://id, moz-extension://uuid). */
  origin: string;
  /** A browser without the extension, probing `origin`. */
  without: ProbeResult;
  /** With the extension installed, vault not yet set up. */
  idle: ProbeResult;
  beforeCapture: ProbeResult;
  /** The same page after the user captured it. */
  afterCapture: ProbeResult;
  /** The leaky build's origin and what a page saw with it installed and without it. */
  leakyOrigin: string;
  leaky: ProbeResult;
  withoutLeaky: ProbeResult;
}

export function expectUndetectable(browser: string, runs: ProbeRuns): void {
  const { idle, without, origin } = runs;
  const installed = probeDifferences(without, idle);
  const captured = probeDifferences(runs.beforeCapture, runs.afterCapture);
  console.log(
    `fingerprinting ${browser}: ${idle.globals.length} globals, ${Object.keys(idle.resources).length} resource probes of ${origin}; ` +
      `${installed.length} differences installed vs not installed, ${captured.length} after a capture of the page; ` +
      `fetch timings (ms) without ${JSON.stringify(without.timingsMs)} with ${JSON.stringify(idle.timingsMs)}`,
  );
  expect(installed).toEqual([]);
  expect(captured).toEqual([]);

  const leaks = probeDifferences(runs.withoutLeaky, runs.leaky);
  console.log(
    `fingerprinting ${browser} positive control (build exposing icon/16.png at ${runs.leakyOrigin}): ${leaks.length} differences: ${leaks.join('; ')}`,
  );
  expect(leaks.length).toBeGreaterThan(0);

  // And the comparison itself notices a global, a DOM attribute and a resource change.
  const after = runs.afterCapture;
  const planted: ProbeResult = {
    ...after,
    globals: [...after.globals, '__attestProbeControl'],
    html: after.html.replace('<body>', '<body data-attest="1">'),
    resources: { ...after.resources, 'fetch /manifest.json': 'status 200' },
  };
  const control = probeDifferences(after, planted);
  console.log(
    `fingerprinting ${browser} positive control: ${control.length}/3 planted differences seen`,
  );
  expect(control).toHaveLength(3);
}
