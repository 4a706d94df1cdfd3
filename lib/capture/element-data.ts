// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PostFields } from '../model/item';
import { isPostFields } from '../platforms/post-shape';

/** A rectangle in CSS pixels. */
export interface CssRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One element of the page as the post script saw it: where it was, its HTML and its post. */
export interface ElementData {
  /** `getBoundingClientRect()` when chosen: relative to the viewport. */
  rect: CssRect;
  /** The page's scroll offset at that moment, so `rect` maps into the full-page image. */
  scroll: { x: number; y: number };
  viewport: { width: number; height: number };
  devicePixelRatio: number;
  /** The element's outer HTML, scripts and handlers removed. */
  html: string;
  post?: PostFields;
  notes: string[];
}

/** What the post script returns: one element, every post of the page, or the user cancelled. */
export type PostScriptResult =
  | { kind: 'element'; element: ElementData }
  | { kind: 'all'; elements: ElementData[]; pagePost: boolean }
  | { kind: 'cancelled' };

/** How the post script runs: the picker, the element under the pointer, or every post. */
export type PostScriptMode = 'pick' | 'hover' | 'all';

// Bounds on what a page can make the background hold: the page is not trusted.
const MAX_HTML_CHARS = 5_000_000;
const MAX_ELEMENTS = 200;
const MAX_NOTES = 5;

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isPair(value: unknown, a: string, b: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return isFiniteNumber(v[a]) && isFiniteNumber(v[b]);
}

/** Checks one element's data from the page before it is trusted. */
export function isElementData(value: unknown): value is ElementData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const rect = v.rect as Record<string, unknown> | undefined;
  return (
    isPair(v.rect, 'x', 'y') &&
    isPair(v.rect, 'width', 'height') &&
    (rect?.width as number) >= 0 &&
    (rect?.height as number) >= 0 &&
    isPair(v.scroll, 'x', 'y') &&
    isPair(v.viewport, 'width', 'height') &&
    isFiniteNumber(v.devicePixelRatio) &&
    v.devicePixelRatio > 0 &&
    typeof v.html === 'string' &&
    v.html.length <= MAX_HTML_CHARS &&
    Array.isArray(v.notes) &&
    v.notes.length <= MAX_NOTES &&
    v.notes.every((n) => typeof n === 'string' && n.length <= 300) &&
    (v.post === undefined || isPostFields(v.post))
  );
}

/** Checks the post script's result; anything else from the page is refused. */
export function isPostScriptResult(value: unknown): value is PostScriptResult {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.kind === 'cancelled') return true;
  if (v.kind === 'element') return isElementData(v.element);
  return (
    v.kind === 'all' &&
    typeof v.pagePost === 'boolean' &&
    Array.isArray(v.elements) &&
    v.elements.length <= MAX_ELEMENTS &&
    v.elements.every(isElementData)
  );
}
