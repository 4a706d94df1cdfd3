// SPDX-License-Identifier: AGPL-3.0-or-later
// What the Chromium and Firefox canary scans share: a scratch folder with a fresh canary page
// served on loopback, and the clear-text control markers written into the extension's storage.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../../scripts/drive/fixture-server.ts';
import { writeCanaryPage, type CanaryPage } from './canary-page';

export interface CanaryScan {
  /** Scratch folder (profile goes in here), removed afterwards. */
  readonly work: string;
  readonly canary: CanaryPage;
  readonly server: FixtureServer;
}

/**
 * Registers, in the enclosing describe, the scratch folder, canary page and fixture server of a
 * scan. `closeSession` runs first in afterAll, so a browser left open by a failure is closed.
 */
export function useCanaryScan(
  name: string,
  closeSession: () => Promise<void> | undefined,
): CanaryScan {
  let state: CanaryScan | undefined;
  let work = '';
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), `attest-canary-${name}-`));
    const canary = writeCanaryPage(join(work, 'pages'));
    state = { work, canary, server: await startFixtureServer(join(work, 'pages')) };
  });
  afterAll(async () => {
    await closeSession()?.catch(() => undefined);
    await state?.server.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });
  const get = (): CanaryScan => {
    if (!state) throw new Error(`the ${name} canary scan has not started`);
    return state;
  };
  return {
    get work() {
      return get().work;
    },
    get canary() {
      return get().canary;
    },
    get server() {
      return get().server;
    },
  };
}

/**
 * Source to evaluate in an extension page: writes `idbMarker` in clear into an IndexedDB database
 * and `localMarker` into storage.local, the positive control that the scanner sees those stores.
 */
export const writeClearControlSource = (idbMarker: string, localMarker: string): string =>
  `(async () => {
  await new Promise((done, fail) => {
    const req = indexedDB.open('canary-control', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('clear');
    req.onerror = () => fail(new Error(String(req.error)));
    req.onsuccess = () => {
      const tx = req.result.transaction('clear', 'readwrite');
      tx.objectStore('clear').put({ note: ${JSON.stringify(idbMarker)} }, 'k');
      tx.oncomplete = () => {
        req.result.close();
        done();
      };
      tx.onerror = () => fail(new Error(String(tx.error)));
    };
  });
  await (globalThis.browser ?? globalThis.chrome).storage.local.set({ canaryControl: ${JSON.stringify(localMarker)} });
})()`;
