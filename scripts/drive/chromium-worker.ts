// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Page } from 'playwright-core';

type RunningStatus = 'stopped' | 'starting' | 'running' | 'stopping';

export interface StoppedWorker {
  /** Resolves once the extension's service worker runs again after the stop. */
  restarted(timeoutMs?: number): Promise<void>;
}

/**
 * Stops the extension's service worker through the DevTools protocol, as Chromium does to an idle
 * worker, and waits until it is really stopped. `page` must be one of the extension's pages: its
 * DevTools session sees the workers of the extension's origin. (Playwright keeps reporting the old
 * worker object, so the protocol's own status events are the evidence of stop and restart.)
 */
export async function stopExtensionWorker(page: Page, origin: string): Promise<StoppedWorker> {
  const cdp = await page.context().newCDPSession(page);
  const history: RunningStatus[] = [];
  let versionId: string | undefined;
  const waiters: Array<() => void> = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const v of event.versions) {
      if (!v.scriptURL.startsWith(origin)) continue;
      versionId = v.versionId;
      history.push(v.runningStatus);
    }
    for (const wake of waiters.splice(0)) wake();
  });
  const until = async (test: () => boolean, what: string, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`service worker never ${what}: ${history.join()}`);
      await new Promise<void>((wake) => {
        waiters.push(wake);
        setTimeout(wake, 250);
      });
    }
  };
  await cdp.send('ServiceWorker.enable');
  await until(() => history.at(-1) === 'running', 'reported running', 10_000);
  await cdp.send('ServiceWorker.stopWorker', { versionId: versionId ?? '' });
  await until(() => history.at(-1) === 'stopped', 'stopped', 10_000);
  const stoppedAt = history.length;
  return {
    restarted: (timeoutMs = 30_000) =>
      until(() => history.slice(stoppedAt).includes('running'), 'restarted', timeoutMs),
  };
}
