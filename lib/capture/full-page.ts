// SPDX-License-Identifier: AGPL-3.0-or-later
import { CaptureError } from './errors';
import {
  capNote,
  drawRegion,
  limitHeight,
  planFrames,
  type HeightLimit,
  type PageMetrics,
} from './frame-plan';
import { asPageMetrics, measurePage, restorePage, scrollPage } from './page-helpers';
import { pngFromDataUrl, type Screenshotter } from './screenshot';
import { createStitcher, type ImagingDeps } from './stitch';

/** Runs one of the self-contained page helpers in the tab's isolated world; returns its result. */
export type RunInPage = <A extends unknown[], R>(
  tabId: number,
  func: (...args: A) => R,
  args: A,
) => Promise<unknown>;

/** Firefox's `tabs.captureTab`, which renders any rectangle of the page in one call. */
export type CaptureTabFn = (
  tabId: number,
  options: {
    format: 'png';
    rect: { x: number; y: number; width: number; height: number };
    scale: number;
  },
) => Promise<string>;

export interface FullPageDeps {
  runInPage: RunInPage;
  screenshots: Screenshotter;
  imaging: ImagingDeps;
  /** Present in Firefox only (feature-detected by the caller). */
  captureTab?: CaptureTabFn;
  fromBase64(text: string): Uint8Array;
  wait(ms: number): Promise<void>;
}

export interface FullPageResult {
  png: Uint8Array;
  notes: string[];
  limit: HeightLimit;
  frames: number;
}

// Lazy-loaded images and infinite feeds start fetching when they scroll into view; a short pause
// after each scroll lets them appear. In Chromium it overlaps with the quota pacing anyway.
export const LAZY_WAIT_MS = 150;

/** Creates the full-page screenshot: one `captureTab` call where the browser has it, else scroll and stitch. */
export function createFullPageCapture(deps: FullPageDeps) {
  async function metricsOf(tabId: number): Promise<PageMetrics> {
    const metrics = asPageMetrics(await deps.runInPage(tabId, measurePage, []));
    if (!metrics) throw new CaptureError('script-failed', 'The page did not report its size');
    return metrics;
  }

  async function scrollTo(tabId: number, y: number, hideFixed: boolean): Promise<number> {
    const actual = await deps.runInPage(tabId, scrollPage, [y, hideFixed]);
    if (typeof actual !== 'number' || !Number.isFinite(actual)) {
      throw new CaptureError('script-failed', 'The page did not scroll');
    }
    return actual;
  }

  async function restore(tabId: number): Promise<void> {
    await deps.runInPage(tabId, restorePage, []);
  }

  async function withCaptureTab(
    captureTab: CaptureTabFn,
    tabId: number,
    m: PageMetrics,
  ): Promise<FullPageResult> {
    const limit = limitHeight(m.scrollHeight, m.clientWidth, m.devicePixelRatio);
    const frames = planFrames(limit.height, m.innerHeight, m.scrollHeight);
    let dataUrl: string;
    try {
      // Walk down once so lazy content loads, then render from the top, where fixed and sticky
      // elements sit in their place once (captureTab draws the document at the current scroll).
      for (const frame of frames.slice(1)) {
        await scrollTo(tabId, frame.scrollTo, false);
        await deps.wait(LAZY_WAIT_MS);
      }
      await scrollTo(tabId, 0, false);
      dataUrl = await captureTab(tabId, {
        format: 'png',
        rect: { x: 0, y: 0, width: m.clientWidth, height: limit.height },
        scale: m.devicePixelRatio,
      });
    } finally {
      await restore(tabId);
    }
    const png = pngFromDataUrl(dataUrl, (text) => deps.fromBase64(text));
    return { png, limit, frames: 1, notes: noteFor(limit, m) };
  }

  async function byStitching(
    windowId: number,
    tabId: number,
    m: PageMetrics,
    visiblePng: Uint8Array | undefined,
  ): Promise<FullPageResult> {
    const limit = limitHeight(m.scrollHeight, m.innerWidth, m.devicePixelRatio);
    const frames = planFrames(limit.height, m.innerHeight, m.scrollHeight);
    // The visible screenshot, just taken at the top of the page, is the first frame already.
    const reuseFirst = visiblePng !== undefined && m.scrollY === 0;
    if (reuseFirst && frames.length === 1 && !limit.capped) {
      return { png: visiblePng, limit, frames: 1, notes: [] };
    }
    let stitcher: ReturnType<typeof createStitcher> | undefined;
    let scale = m.devicePixelRatio;
    try {
      for (const [index, frame] of frames.entries()) {
        let png: Uint8Array;
        let actual = 0;
        if (index === 0 && reuseFirst) {
          png = visiblePng;
        } else {
          actual = await scrollTo(tabId, frame.scrollTo, index > 0);
          await deps.wait(LAZY_WAIT_MS);
          png = await deps.screenshots.visible(windowId);
        }
        if (!stitcher) {
          const first = await deps.imaging.decodePng(png);
          scale = first.height / m.innerHeight;
          stitcher = createStitcher(deps.imaging, first.width, Math.round(limit.height * scale));
          first.close();
        }
        stitcher.add(png, drawRegion(frame, actual, m.innerHeight, scale));
      }
    } finally {
      await restore(tabId);
    }
    if (!stitcher) throw new CaptureError('screenshot-failed', 'No frame was captured');
    return { png: await stitcher.finish(), limit, frames: frames.length, notes: noteFor(limit, m) };
  }

  return {
    /** The whole page (up to the cap) as PNG; the user's scroll position is restored. */
    async capture(
      target: { windowId: number; tabId: number },
      visiblePng?: Uint8Array,
      /** Measured already by the capture script (`measurePage`); asked for when absent. */
      measured?: PageMetrics,
    ): Promise<FullPageResult> {
      const metrics = measured ?? (await metricsOf(target.tabId));
      if (!deps.captureTab) return byStitching(target.windowId, target.tabId, metrics, visiblePng);
      try {
        return await withCaptureTab(deps.captureTab, target.tabId, metrics);
      } catch (error) {
        // An older or stricter browser may refuse the rectangle; stitching still works there.
        const again = await metricsOf(target.tabId);
        const stitched = await byStitching(target.windowId, target.tabId, again, undefined);
        const why = `full-page screenshot stitched from scrolled frames: tabs.captureTab failed (${String(error)})`;
        return { ...stitched, notes: [why, ...stitched.notes] };
      }
    },
  };
}

function noteFor(limit: HeightLimit, m: PageMetrics): string[] {
  const note = capNote(limit, m.scrollHeight);
  return note ? [note] : [];
}
