// SPDX-License-Identifier: AGPL-3.0-or-later
import type { SessionArea } from './pending-capture';

/** Where a thread capture stands; kept in storage.session so a reopened popup or the vault sees it. */
export interface ThreadProgress {
  groupId: string;
  state: 'running' | 'cancelling' | 'cancelled' | 'done' | 'error';
  /** Items committed so far (the page item counts). */
  done: number;
  total: number;
  error?: string;
}

const KEY = 'threadCapture';
const STATES = new Set(['running', 'cancelling', 'cancelled', 'done', 'error']);

function isProgress(value: unknown): value is ThreadProgress {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.groupId === 'string' &&
    typeof v.state === 'string' &&
    STATES.has(v.state) &&
    Number.isInteger(v.done) &&
    Number.isInteger(v.total) &&
    (v.error === undefined || typeof v.error === 'string')
  );
}

export interface ThreadProgressStore {
  get(): Promise<ThreadProgress | null>;
  set(progress: ThreadProgress): Promise<void>;
  /** Asks a running capture to stop after the item it is committing; false if none runs. */
  requestCancel(): Promise<boolean>;
  cancelRequested(groupId: string): Promise<boolean>;
}

/** Progress of the thread capture in `storage.session` (memory only). */
export function createThreadProgressStore(area: SessionArea): ThreadProgressStore {
  async function get(): Promise<ThreadProgress | null> {
    const value = (await area.get(KEY))[KEY];
    return isProgress(value) ? value : null;
  }
  return {
    get,
    async set(progress) {
      // A cancel asked for while this item was committed must not be overwritten by "running".
      const now = await get();
      const keepCancel =
        now?.groupId === progress.groupId &&
        now.state === 'cancelling' &&
        progress.state === 'running';
      await area.set({ [KEY]: keepCancel ? { ...progress, state: 'cancelling' } : progress });
    },
    async requestCancel() {
      const now = await get();
      if (!now || now.state !== 'running') return false;
      await area.set({ [KEY]: { ...now, state: 'cancelling' } });
      return true;
    },
    async cancelRequested(groupId) {
      const now = await get();
      return now?.groupId === groupId && now.state === 'cancelling';
    },
  };
}
