// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, crash during capture (Chromium): see support/crash-cycles.ts for what is checked. The
// browser is SIGKILLed with its whole process group, and restarted on the same profile.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { crashRun, type CrashBrowser } from './support/crash-cycles';
import { killBrowser } from './support/kill-browser';
import { chromiumOnProfile } from './support/profile-sessions';

// About 55 captures and 11 kills: a few minutes, within what CI allows the whole suite.
const CYCLES = Number(process.env.ATTEST_CRASH_CYCLES ?? 11);

const start = chromiumOnProfile();
const chromium: CrashBrowser = {
  name: 'chromium',
  start: (profile) => start(profile),
  storageDir: (profile) => join(profile, 'Default/IndexedDB'),
  kill: (profile) => killBrowser(profile, 'chromium'),
};

describe('crash during capture: Chromium killed at random moments', () => {
  let crash: Awaited<ReturnType<typeof crashRun>>;
  beforeAll(async () => {
    crash = await crashRun(chromium, CYCLES);
  });
  afterAll(() => crash?.close());

  // About 45 s a cycle on a loaded 2-core machine: more than the project's default limit.
  it(
    'keeps every acknowledged capture, every item verifies, nothing is half-written',
    { timeout: 1_500_000 },
    () => crash.run(),
  );
});
