// SPDX-License-Identifier: AGPL-3.0-or-later
import { snapshotDocument } from './dom-snapshot';

/** What the capture script returns to the background from the page (isolated world). */
export interface PageData {
  url: string;
  title: string;
  viewport: { width: number; height: number };
  devicePixelRatio: number;
  timezone: string;
  userAgent: string;
  capturedAt: string;
  html: string;
}

/** Collects metadata and the inert DOM snapshot of the current page. */
export function collectPageData(win: Window, now: () => Date = () => new Date()): PageData {
  const capturedAt = now().toISOString();
  const url = win.location.href;
  return {
    url,
    title: win.document.title,
    viewport: { width: win.innerWidth, height: win.innerHeight },
    devicePixelRatio: win.devicePixelRatio,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    userAgent: win.navigator.userAgent,
    capturedAt,
    html: snapshotDocument(win.document, { url, capturedAt }),
  };
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Checks the shape of what came back from `scripting.executeScript` before trusting it. */
export function isPageData(value: unknown): value is PageData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const viewport = v.viewport as Record<string, unknown> | null | undefined;
  return (
    isString(v.url) &&
    isString(v.title) &&
    isString(v.timezone) &&
    isString(v.userAgent) &&
    isString(v.capturedAt) &&
    isString(v.html) &&
    isFiniteNumber(v.devicePixelRatio) &&
    typeof viewport === 'object' &&
    viewport !== null &&
    isFiniteNumber(viewport.width) &&
    isFiniteNumber(viewport.height)
  );
}
