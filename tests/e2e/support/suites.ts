// SPDX-License-Identifier: AGPL-3.0-or-later
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, type ChromiumSession } from '../../../scripts/drive/chromium.ts';
import { startFixtureServer, type FixtureServer } from '../../../scripts/drive/fixture-server.ts';
import {
  allowInPrivateWindows,
  launchFirefox,
  type FirefoxSession,
} from '../../../scripts/drive/firefox.ts';

export const ROOT = resolve(import.meta.dirname, '../../..');
const PAGES = join(ROOT, 'tests/fixtures/pages');

/** A browser with the built extension, the fixture pages on loopback and a scratch folder. */
export interface Suite<S> {
  readonly session: S;
  readonly server: FixtureServer;
  /** Scratch folder of this suite (profile, downloads), removed afterwards. */
  readonly work: string;
}

function useSuite<S extends { close(): Promise<void> }>(
  name: string,
  launch: (work: string) => Promise<S>,
): Suite<S> {
  let state: { session: S; server: FixtureServer; work: string } | undefined;
  let work = '';
  let server: FixtureServer | undefined;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), `attest-e2e-${name}-`));
    server = await startFixtureServer(PAGES);
    state = { session: await launch(work), server, work };
  });
  afterAll(async () => {
    await state?.session.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });
  const get = () => {
    if (!state) throw new Error(`the ${name} suite has not started`);
    return state;
  };
  return {
    get session() {
      return get().session;
    },
    get server() {
      return get().server;
    },
    get work() {
      return get().work;
    },
  };
}

/**
 * Registers, in the enclosing describe, a headless Chromium with the built MV3 extension;
 * `extra` adds switches and environment (e.g. `--lang=ar` with `LANGUAGE=ar` for an Arabic UI).
 */
export function useChromium(
  name: string,
  extra: { extraArgs?: string[]; env?: Record<string, string> } = {},
): Suite<ChromiumSession> {
  return useSuite(`chromium-${name}`, (work) =>
    launchChromium({
      extensionDir: join(ROOT, '.output/chrome-mv3'),
      userDataDir: join(work, 'profile'),
      ...extra,
    }),
  );
}

/**
 * Registers, in the enclosing describe, a headless Firefox ESR with the built extension; `prefs`
 * adds preferences (e.g. `intl.locale.requested: 'ar'` with Debian's Arabic language pack);
 * `allowPrivateWindows` lets it into private windows (a seeded profile, see allowInPrivateWindows).
 */
export function useFirefox(
  name: string,
  prefs: Record<string, string | number | boolean> = {},
  extra: { allowPrivateWindows?: boolean } = {},
): Suite<FirefoxSession> {
  return useSuite(`firefox-${name}`, (work) => {
    const userDataDir = extra.allowPrivateWindows ? join(work, 'profile') : undefined;
    if (userDataDir) allowInPrivateWindows(userDataDir);
    return launchFirefox({
      extensionDir: join(ROOT, '.output/firefox-mv2'),
      downloadsDir: work,
      prefs,
      userDataDir,
    });
  });
}
