// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PdqPixels } from '../pdq/index';

// A full-page screenshot can be tens of megapixels; PDQ is robust to resizing, and this bound
// keeps the page's memory use reasonable (about 64 MiB of RGBA at most).
const MAX_SIDE = 4096;

/** Decodes PNG/JPEG bytes in an extension page with createImageBitmap and an OffscreenCanvas. */
export async function decodeImageInPage(bytes: Uint8Array, mediaType: string): Promise<PdqPixels> {
  const bitmap = await createImageBitmap(
    new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType }),
  );
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('No 2D canvas to decode the image');
    ctx.drawImage(bitmap, 0, 0, width, height);
    const { data } = ctx.getImageData(0, 0, width, height);
    return { width, height, data, channels: 4 };
  } finally {
    bitmap.close();
  }
}
