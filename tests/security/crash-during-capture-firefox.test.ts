// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, crash during capture (Firefox ESR): see support/crash-cycles.ts for what is checked.
// Firefox keeps the extension's IndexedDB in SQLite files with a write-ahead log; the browser is
// SIGKILLed with its whole process group (content processes too) and restarted on the same
// profile, where the add-on keeps its internal UUID and so its storage.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { crashRun, type CrashBrowser } from './support/crash-cycles';
import { killBrowser } from './support/kill-browser';
import { firefoxOnProfile } from './support/profile-sessions';

// Fewer cycles than in Chromium (a Firefox restart takes longer); the same checks after each.
const CYCLES = Number(process.env.ATTEST_CRASH_CYCLES ?? 6);

const firefox: CrashBrowser = {
  name: 'firefox',
  start: (profile, work) => firefoxOnProfile(join(work, 'downloads'))(profile),
  storageDir: (profile) => join(profile, 'storage/default'),
  kill: (profile) => killBrowser(profile, 'firefox'),
};

describe('crash during capture: Firefox ESR killed at random moments', () => {
  let crash: Awaited<ReturnType<typeof crashRun>>;
  beforeAll(async () => {
    crash = await crashRun(firefox, CYCLES);
  });
  afterAll(() => crash?.close());

  it(
    'keeps every acknowledged capture, every item verifies, nothing is half-written',
    { timeout: 1_500_000 },
    () => crash.run(),
  );
});
