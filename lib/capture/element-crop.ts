// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ElementData } from './element-data';

/** A rectangle in image (device) pixels. */
export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Cuts `rect` out of a PNG and encodes it as PNG. */
export type CropPng = (png: Uint8Array, rect: PixelRect) => Promise<Uint8Array>;

export type CropPlan =
  { source: 'visible' | 'full'; rect: PixelRect; notes: string[] } | { note: string };

// Sub-pixel layout: an edge within half a CSS pixel of the viewport still counts as inside.
const EDGE_SLACK = 0.5;

/** Width and height from a PNG's IHDR chunk, without decoding it. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (png.byteLength < 24 || view.getUint32(12) !== 0x49484452) throw new Error('not a PNG');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function toPixels(x: number, y: number, w: number, h: number, scale: number): PixelRect {
  const left = Math.round(x * scale);
  const top = Math.round(y * scale);
  return {
    x: left,
    y: top,
    width: Math.round((x + w) * scale) - left,
    height: Math.round((y + h) * scale) - top,
  };
}

function clamp(rect: PixelRect, size: { width: number; height: number }): PixelRect {
  const x = Math.max(0, rect.x);
  const y = Math.max(0, rect.y);
  return {
    x,
    y,
    width: Math.min(size.width, rect.x + rect.width) - x,
    height: Math.min(size.height, rect.y + rect.height) - y,
  };
}

/**
 * Where to cut the element from: the visible screenshot when the element was wholly on screen
 * (what the user saw), else the full-page image in document coordinates. The scale is the
 * visible screenshot's pixels per CSS pixel, i.e. the devicePixelRatio the browser really used.
 */
export function planCrop(
  el: ElementData,
  visible: { width: number; height: number },
  full?: { width: number; height: number },
): CropPlan {
  const { rect, viewport } = el;
  if (rect.width < 1 || rect.height < 1)
    return { note: 'element screenshot not made: the element has no size' };
  const scale = visible.height / viewport.height;
  const onScreen =
    rect.x >= -EDGE_SLACK &&
    rect.y >= -EDGE_SLACK &&
    rect.x + rect.width <= viewport.width + EDGE_SLACK &&
    rect.y + rect.height <= viewport.height + EDGE_SLACK;
  if (onScreen) {
    const px = clamp(toPixels(rect.x, rect.y, rect.width, rect.height, scale), visible);
    return { source: 'visible', rect: px, notes: [] };
  }
  if (!full)
    return {
      note: 'element screenshot not made: the element was not wholly visible and there is no full-page image',
    };
  // The stitched image is drawn at the user's horizontal scroll, so x stays a viewport x.
  const wanted = toPixels(rect.x, rect.y + el.scroll.y, rect.width, rect.height, scale);
  const px = clamp(wanted, full);
  if (px.width < 1 || px.height < 1) {
    return {
      note: 'element screenshot not made: the element lies outside the full-page image (cap)',
    };
  }
  const cut = px.width !== wanted.width || px.height !== wanted.height;
  return {
    source: 'full',
    rect: px,
    notes: cut ? ['element screenshot cut at the edge of the full-page image'] : [],
  };
}

/** The browser's cropper: `createImageBitmap` with a source rectangle, then an `OffscreenCanvas`. */
export function createBrowserCropper(): CropPng {
  return async (png, rect) => {
    const blob = new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' });
    const bitmap = await createImageBitmap(blob, rect.x, rect.y, rect.width, rect.height);
    try {
      const canvas = new OffscreenCanvas(rect.width, rect.height);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('No 2D context for an OffscreenCanvas');
      ctx.drawImage(bitmap, 0, 0);
      const out = await canvas.convertToBlob({ type: 'image/png' });
      return new Uint8Array(await out.arrayBuffer());
    } finally {
      bitmap.close();
    }
  };
}
