// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import {
  capNote,
  drawRegion,
  FULL_PAGE_CAP_CSS_PX,
  limitHeight,
  planFrames,
} from '../../lib/capture/frame-plan';

describe('full-page frame planning', () => {
  it('plans one frame per screen, the last clamped to the page bottom and overlapping', () => {
    const frames = planFrames(2000, 800, 2000);
    expect(frames).toEqual([
      { scrollTo: 0, from: 0, to: 800 },
      { scrollTo: 800, from: 800, to: 1600 },
      { scrollTo: 1200, from: 1600, to: 2000 },
    ]);
    // The last frame contributes only the rows no earlier frame had.
    expect(drawRegion(frames[2]!, 1200, 800, 1)).toEqual({ sy: 400, dy: 1600, h: 400 });
  });

  it('tiles the stitched image exactly, with no gap or overlap, at fractional scales', () => {
    for (const scale of [1, 1.25, 1.5, 2]) {
      const frames = planFrames(6000, 777, 6000);
      let next = 0;
      for (const frame of frames) {
        const region = drawRegion(frame, frame.scrollTo, 777, scale);
        expect(region).not.toBeNull();
        expect(region!.dy).toBe(next);
        expect(region!.sy + region!.h).toBeLessThanOrEqual(Math.round(777 * scale) + 1);
        next = region!.dy + region!.h;
      }
      expect(next).toBe(Math.round(6000 * scale));
    }
  });

  it('draws only rows the page really shows when it refused or clamped a scroll', () => {
    const frame = { scrollTo: 800, from: 800, to: 1600 };
    expect(drawRegion(frame, 600, 800, 1)).toEqual({ sy: 200, dy: 800, h: 600 });
    expect(drawRegion(frame, 0, 800, 1)).toBeNull();
  });

  it('a page shorter than the viewport is one frame', () => {
    expect(planFrames(500, 800, 500)).toEqual([{ scrollTo: 0, from: 0, to: 500 }]);
  });

  it('caps long pages at the fixed cap, or lower where the canvas limits bite', () => {
    expect(limitHeight(6000, 1280, 1)).toEqual({ height: 6000, capped: false });
    expect(limitHeight(54_000, 1920, 1)).toEqual({
      height: FULL_PAGE_CAP_CSS_PX,
      capped: true,
      reason: 'cap',
    });
    // 2x: 32 767 device px tall at most.
    expect(limitHeight(54_000, 1280, 2)).toEqual({
      height: 16_383,
      capped: true,
      reason: 'canvas',
    });
    // A very wide page: the 16 384² area limit.
    expect(limitHeight(54_000, 12_000, 1).height).toBe(Math.floor((16_384 * 16_384) / 12_000));
    const frames = planFrames(FULL_PAGE_CAP_CSS_PX, 1080, 54_000);
    expect(frames.length).toBe(28);
    expect(frames.at(-1)).toEqual({ scrollTo: 29_160, from: 29_160, to: 30_000 });
  });

  it('states the cap and where it was hit, and nothing when the page fit', () => {
    const note = capNote(limitHeight(54_000, 1920, 1), 54_000);
    expect(note).toContain('30000');
    expect(note).toContain('54000');
    expect(note).toContain('y=30000');
    expect(capNote(limitHeight(6000, 1280, 1), 6000)).toBeNull();
  });
});
