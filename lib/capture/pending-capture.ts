// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaptureTarget } from './capture-tab';
import { isCaptureRequest, type CaptureRequest } from './capture-request';

/** The subset of `storage.session` used here (memory only: gone on browser restart). */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

interface PendingCapture extends CaptureTarget {
  requestedAt: number;
  /** What to capture; absent (older entries) means the page. */
  request?: CaptureRequest;
}

const KEY = 'pendingCapture';
/** A capture requested long ago would surprise the user: it expires. */
export const PENDING_CAPTURE_TTL_MS = 10 * 60 * 1000;

export interface PendingCaptureStore {
  put(target: CaptureTarget, request?: CaptureRequest): Promise<void>;
  has(): Promise<boolean>;
  /** Returns and forgets the pending capture, or null if none or expired. */
  take(): Promise<CaptureTarget | null>;
  /** Like `take`, but tells an expired request apart from none, so the user can be told. */
  claim(): Promise<PendingClaim>;
}

export type PendingClaim =
  | { state: 'none' }
  | { state: 'expired' }
  | { state: 'ready'; target: CaptureTarget; request: CaptureRequest };

function isPending(value: unknown): value is PendingCapture {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.windowId === 'number' &&
    typeof v.tabId === 'number' &&
    typeof v.requestedAt === 'number' &&
    (v.request === undefined || isCaptureRequest(v.request))
  );
}

/** Keeps a capture asked for while locked in session storage, so a stopped worker loses nothing. */
export function createPendingCaptureStore(
  area: SessionArea,
  now: () => number = Date.now,
): PendingCaptureStore {
  async function read(): Promise<PendingCapture | 'expired' | null> {
    const value = (await area.get(KEY))[KEY];
    if (!isPending(value)) return null;
    return now() - value.requestedAt <= PENDING_CAPTURE_TTL_MS ? value : 'expired';
  }
  async function claim(): Promise<PendingClaim> {
    const pending = await read();
    await area.remove(KEY);
    if (pending === null) return { state: 'none' };
    if (pending === 'expired') return { state: 'expired' };
    return {
      state: 'ready',
      target: { windowId: pending.windowId, tabId: pending.tabId },
      request: pending.request ?? { kind: 'page' },
    };
  }
  return {
    async put(target, request) {
      const entry: PendingCapture = {
        windowId: target.windowId,
        tabId: target.tabId,
        requestedAt: now(),
        ...(request ? { request } : {}),
      };
      await area.set({ [KEY]: entry });
    },
    async has() {
      const pending = await read();
      return pending !== null && pending !== 'expired';
    },
    async take() {
      const claimed = await claim();
      return claimed.state === 'ready' ? claimed.target : null;
    },
    claim,
  };
}
