// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Pure planning for full-page screenshots: how tall the image may be, where to scroll for each
 * frame and which rows of each frame go where in the stitched image.
 */

/** Longest page height captured, in CSS px; a bound on time and memory for endless feeds. */
export const FULL_PAGE_CAP_CSS_PX = 30_000;
// Chromium (Skia) and Firefox refuse canvases taller or wider than 32 767 px or larger than
// 16 384 × 16 384 px in area: https://developer.mozilla.org/docs/Web/HTML/Element/canvas#maximum_canvas_size
export const CANVAS_MAX_SIDE_PX = 32_767;
export const CANVAS_MAX_AREA_PX = 16_384 * 16_384;

export interface PageMetrics {
  scrollX: number;
  scrollY: number;
  scrollWidth: number;
  scrollHeight: number;
  /** Layout viewport without scrollbars. */
  clientWidth: number;
  clientHeight: number;
  innerWidth: number;
  innerHeight: number;
  devicePixelRatio: number;
}

export interface HeightLimit {
  /** CSS px of the page that will be in the image (from the top). */
  height: number;
  capped: boolean;
  /** Which bound applied when capped. */
  reason?: 'cap' | 'canvas';
}

/** The height to capture: the page, unless the fixed cap or the canvas limits at this scale bite. */
export function limitHeight(
  pageHeight: number,
  widthCss: number,
  scale: number,
  capCss = FULL_PAGE_CAP_CSS_PX,
): HeightLimit {
  const page = Math.max(1, Math.ceil(pageHeight));
  const bySide = Math.floor(CANVAS_MAX_SIDE_PX / scale);
  const byArea = Math.floor(CANVAS_MAX_AREA_PX / (Math.max(1, widthCss) * scale * scale));
  const canvas = Math.min(bySide, byArea);
  const height = Math.min(page, capCss, canvas);
  if (height === page) return { height, capped: false };
  return { height, capped: true, reason: height === capCss && capCss <= canvas ? 'cap' : 'canvas' };
}

export interface Frame {
  /** Where to ask the page to scroll. */
  scrollTo: number;
  /** The CSS rows [from, to) of the page this frame contributes. */
  from: number;
  to: number;
}

/** One frame per viewport height; the last scrolls no further than the page allows and overlaps. */
export function planFrames(height: number, viewportHeight: number, scrollHeight: number): Frame[] {
  if (viewportHeight <= 0) throw new RangeError('viewport height must be positive');
  const maxScroll = Math.max(0, scrollHeight - viewportHeight);
  const frames: Frame[] = [];
  for (let from = 0; from < height; from += viewportHeight) {
    frames.push({
      scrollTo: Math.min(from, maxScroll),
      from,
      to: Math.min(from + viewportHeight, height),
    });
  }
  return frames;
}

export interface DrawRegion {
  /** Source row in the frame bitmap, device px. */
  sy: number;
  /** Destination row in the stitched image, device px. */
  dy: number;
  /** Rows to copy, device px. */
  h: number;
}

/**
 * Which device-pixel rows of a frame to copy, given where the page really scrolled to (pages may
 * refuse or clamp a scroll). Rows are rounded at the destination so adjacent frames tile exactly.
 */
export function drawRegion(
  frame: Frame,
  actualScrollY: number,
  viewportHeight: number,
  scale: number,
): DrawRegion | null {
  const from = Math.max(frame.from, actualScrollY);
  const to = Math.min(frame.to, actualScrollY + viewportHeight);
  if (to <= from) return null;
  const dy = Math.round(from * scale);
  const h = Math.round(to * scale) - dy;
  const sy = Math.round((from - actualScrollY) * scale);
  return h > 0 ? { sy, dy, h } : null;
}

/** A plain-language note for item.json when the image does not show the whole page. */
export function capNote(limit: HeightLimit, pageHeight: number): string | null {
  if (!limit.capped) return null;
  const why =
    limit.reason === 'cap'
      ? `Attest's cap of ${FULL_PAGE_CAP_CSS_PX} CSS px`
      : 'the browser canvas size limit';
  return (
    `full-page screenshot capped by ${why}: it shows the top ${limit.height} CSS px of a page ` +
    `${Math.ceil(pageHeight)} CSS px tall; content below y=${limit.height} is not in the image`
  );
}
