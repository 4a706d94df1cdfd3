// SPDX-License-Identifier: AGPL-3.0-or-later
import { fitWithin, type ReduceImage } from '../reports/report-image';

// Screenshots are text and flat colour: at this quality the reduced view reads cleanly.
const JPEG_QUALITY = 0.88;

/**
 * The report's reducer in an extension page: the browser decodes the screenshot natively
 * (createImageBitmap), an OffscreenCanvas scales it, and it is written as JPEG, which pdf-lib
 * embeds without decoding. An image already within `max` is returned unchanged.
 */
export const reduceImageInPage: ReduceImage = async (bytes, mediaType, max) => {
  if (mediaType !== 'image/png' && mediaType !== 'image/jpeg')
    throw new Error(`${mediaType} cannot be drawn in the report`);
  const bitmap = await createImageBitmap(
    new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType }),
  );
  try {
    const from = { width: bitmap.width, height: bitmap.height };
    if (from.width <= max.width && from.height <= max.height) return { bytes, mediaType };
    const to = fitWithin(from.width, from.height, max);
    const canvas = new OffscreenCanvas(to.width, to.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('No 2D canvas to reduce the image');
    // JPEG has no transparency: a transparent pixel shows white, as on the page.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, to.width, to.height);
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, to.width, to.height);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
    return {
      bytes: new Uint8Array(await blob.arrayBuffer()),
      mediaType: 'image/jpeg',
      reduced: { from, to },
    };
  } finally {
    bitmap.close();
  }
};
