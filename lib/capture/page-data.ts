// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PostFields } from '../model/item';
import { isPostFields } from '../platforms/post-shape';
import { extractPost, NOTE_NO_POST } from '../platforms/select-extractor';
import { fromPrototype } from './dom-budget';
import { snapshotPage } from './dom-snapshot';

const MAX_NOTES = 10;
const MAX_NOTE_CHARS = 300;

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
  /** The page's post, when its platform's extractor recognised one. */
  post?: PostFields;
  /** Statements for the item, e.g. "post fields not detected". */
  notes: string[];
  /**
   * The page's size and scroll position (`measurePage`, which also keeps the position for the
   * full-page capture to restore), taken here so the full-page capture need not ask again.
   * Checked where it is used (`asPageMetrics`): a page that reports nonsense loses only that.
   */
  metrics?: unknown;
}

/** Collects metadata and the inert DOM snapshot of the current page. */
export function collectPageData(win: Window, now: () => Date = () => new Date()): PageData {
  const capturedAt = now().toISOString();
  const url = win.location.href;
  const doc = win.document;
  const snapshot = snapshotPage(doc, { url, capturedAt });
  const post = readPost(doc, url);
  return {
    url,
    // Through the prototype: an element named "title" must not stand in for the title.
    title: String(fromPrototype<string>(doc, 'title')),
    viewport: { width: win.innerWidth, height: win.innerHeight },
    devicePixelRatio: win.devicePixelRatio,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    userAgent: win.navigator.userAgent,
    capturedAt,
    html: snapshot.html,
    ...post,
    notes: [...snapshot.notes, ...post.notes],
  };
}

// Extractors only query with selectors and cap what they visit, so a page of 10^6 nodes costs a
// few selector scans, not a walk of the tree; a throwing page only loses its post fields.
function readPost(doc: Document, url: string): { post?: PostFields; notes: string[] } {
  try {
    return extractPost(doc, url);
  } catch {
    return { notes: [NOTE_NO_POST] };
  }
}

function isNotes(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length <= MAX_NOTES &&
    value.every((n) => typeof n === 'string' && n.length <= MAX_NOTE_CHARS)
  );
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
    isNotes(v.notes) &&
    (v.post === undefined || isPostFields(v.post)) &&
    isFiniteNumber(v.devicePixelRatio) &&
    typeof viewport === 'object' &&
    viewport !== null &&
    isFiniteNumber(viewport.width) &&
    isFiniteNumber(viewport.height)
  );
}
