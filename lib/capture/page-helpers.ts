// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * Functions run in the captured page through `scripting.executeScript({ func, args })`, in the
 * extension's isolated world. They are serialised, so each must be self-contained: no imports,
 * no module variables. State between calls (what was hidden, where the user was) lives in the
 * isolated world's own global, which the page cannot see.
 */
import type { PageMetrics } from './frame-plan';

interface HiddenStyle {
  el: HTMLElement;
  value: string;
  priority: string;
}

interface HelperState {
  x: number;
  y: number;
  hidden: HiddenStyle[];
  /** Fixed and sticky elements were looked for already (once per capture: a page may have 10^6). */
  scanned?: boolean;
}

/** Measures the page and remembers the user's scroll position for `restorePage`. */
export function measurePage(): PageMetrics {
  const root = document.documentElement;
  const body = document.body as HTMLElement | null;
  const g = globalThis as unknown as { __attestFullPage?: HelperState };
  g.__attestFullPage = { x: window.scrollX, y: window.scrollY, hidden: [] };
  return {
    scrollX: window.scrollX,
    scrollY: window.scrollY,
    scrollWidth: Math.max(root.scrollWidth, body?.scrollWidth ?? 0),
    scrollHeight: Math.max(root.scrollHeight, body?.scrollHeight ?? 0),
    clientWidth: root.clientWidth,
    clientHeight: root.clientHeight,
    innerWidth: window.innerWidth,
    innerHeight: window.innerHeight,
    devicePixelRatio: window.devicePixelRatio,
  };
}

/**
 * Scrolls to `y` (instantly, whatever the page's scroll-behavior) and returns where the page
 * really is. With `hideFixed`, fixed and sticky elements are hidden first so that headers and
 * banners appear once, in the first frame, not on every frame down the image.
 */
export function scrollPage(y: number, hideFixed: boolean): number {
  const g = globalThis as unknown as { __attestFullPage?: HelperState };
  const state = g.__attestFullPage ?? { x: window.scrollX, y: window.scrollY, hidden: [] };
  g.__attestFullPage = state;
  if (hideFixed && !state.scanned) {
    state.scanned = true;
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const { position } = getComputedStyle(el);
      if (position !== 'fixed' && position !== 'sticky') continue;
      state.hidden.push({
        el,
        value: el.style.getPropertyValue('visibility'),
        priority: el.style.getPropertyPriority('visibility'),
      });
      el.style.setProperty('visibility', 'hidden', 'important');
    }
  }
  window.scrollTo({ left: state.x, top: y, behavior: 'instant' });
  return window.scrollY;
}

/** Shows what `scrollPage` hid and puts the user back where they were. */
export function restorePage(): boolean {
  const g = globalThis as unknown as { __attestFullPage?: HelperState };
  const state = g.__attestFullPage;
  if (!state) return false;
  for (const { el, value, priority } of state.hidden) {
    if (value === '') el.style.removeProperty('visibility');
    else el.style.setProperty('visibility', value, priority);
  }
  window.scrollTo({ left: state.x, top: state.y, behavior: 'instant' });
  delete g.__attestFullPage;
  return true;
}

/** Returns the metrics with only numbers, or null: page results are not trusted blindly. */
export function asPageMetrics(value: unknown): PageMetrics | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const keys: Array<keyof PageMetrics> = [
    'scrollX',
    'scrollY',
    'scrollWidth',
    'scrollHeight',
    'clientWidth',
    'clientHeight',
    'innerWidth',
    'innerHeight',
    'devicePixelRatio',
  ];
  for (const k of keys) {
    const n = v[k];
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return null;
  }
  if ((v.innerHeight as number) <= 0 || (v.devicePixelRatio as number) <= 0) return null;
  return value as PageMetrics;
}
