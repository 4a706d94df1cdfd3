// SPDX-License-Identifier: AGPL-3.0-or-later
import type { DrawRegion } from './frame-plan';

/** A decoded frame (an `ImageBitmap` in the browser). */
export interface Bitmap {
  readonly width: number;
  readonly height: number;
  close(): void;
}

/** Decoding and drawing, passed in so the background page and the service worker share the code. */
export interface ImagingDeps {
  decodePng(bytes: Uint8Array): Promise<Bitmap>;
  createCanvas(width: number, height: number): StitchCanvas;
}

export interface StitchCanvas {
  draw(bitmap: Bitmap, region: DrawRegion): void;
  encodePng(): Promise<Uint8Array>;
}

/**
 * The browser's imaging: `createImageBitmap` and `OffscreenCanvas`, which both the Chromium
 * service worker and the Firefox background page have (no DOM canvas needed).
 */
export function createBrowserImaging(): ImagingDeps {
  return {
    decodePng: (bytes) =>
      createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' })),
    createCanvas(width, height) {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('No 2D context for an OffscreenCanvas');
      return {
        draw(bitmap, { sy, dy, h }) {
          ctx.drawImage(bitmap, 0, sy, bitmap.width, h, 0, dy, bitmap.width, h);
        },
        async encodePng() {
          const blob = await canvas.convertToBlob({ type: 'image/png' });
          return new Uint8Array(await blob.arrayBuffer());
        },
      };
    },
  };
}

export interface Stitcher {
  /** Queues a frame; decoding overlaps with the wait before the next screenshot. */
  add(png: Uint8Array, region: DrawRegion | null): void;
  /** Waits for every queued frame and encodes the stitched image as PNG. */
  finish(): Promise<Uint8Array>;
}

/** Stitches frames into a canvas `width` device px wide and `height` tall. */
export function createStitcher(imaging: ImagingDeps, width: number, height: number): Stitcher {
  const canvas = imaging.createCanvas(width, height);
  let queue: Promise<void> = Promise.resolve();
  return {
    add(png, region) {
      if (!region) return;
      queue = queue.then(async () => {
        const bitmap = await imaging.decodePng(png);
        try {
          canvas.draw(bitmap, region);
        } finally {
          bitmap.close();
        }
      });
    },
    async finish() {
      await queue;
      return canvas.encodePng();
    },
  };
}
