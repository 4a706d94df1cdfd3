// SPDX-License-Identifier: AGPL-3.0-or-later
import { shrinkToFit } from './box-blur';
import { decodePng, encodePng, type Zlib } from './png-codec';

/** An image as the report draws it: the original bytes, or a reduced copy of them. */
export interface ReportImage {
  bytes: Uint8Array;
  mediaType: 'image/png' | 'image/jpeg';
  /** Set when the pixels were reduced: both sizes, which the report states. */
  reduced?: { from: Size; to: Size };
}

export interface Size {
  width: number;
  height: number;
}

/**
 * Makes the copy of a screenshot the report draws, no larger than `max`. The original file is
 * never changed: it travels in the bundle byte for byte; only the PDF shows the reduced copy.
 */
export type ReduceImage = (bytes: Uint8Array, mediaType: string, max: Size) => Promise<ReportImage>;

/**
 * The largest image the report draws, in pixels: about two pixels per point of the widest
 * drawing (the 495 pt text width) and of the tallest (a full page spread over at most eight
 * pages, pdf-layout.ts). A 1920 × 30 000 px full-page screenshot is ~230 MB of RGBA; pdf-lib
 * decoded and re-compressed it in JavaScript, which made one export take minutes.
 */
export const REPORT_IMAGE_MAX = { width: 1000, height: 11_400 };

/** Width and height scaled down (never up), keeping the aspect ratio, to fit `max`. */
export function fitWithin(width: number, height: number, max: Size): Size {
  const scale = Math.min(1, max.width / width, max.height / height);
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

function pngSize(bytes: Uint8Array): Size | null {
  if (bytes.length < 24 || bytes[12] !== 0x49 || bytes[15] !== 0x52) return null; // 'IHDR'
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: dv.getUint32(16), height: dv.getUint32(20) };
}

/**
 * The reducer where no canvas exists (Node: tests, CLI): a PNG larger than `max` is decoded and
 * shrunk by a whole factor in JavaScript and written as PNG; anything else is returned as it is
 * (pdf-lib embeds a JPEG without decoding it). In extension pages lib/export/reduce-image.ts
 * uses the browser's own decoder instead.
 */
export function createScriptImageReducer(zlib: Zlib): ReduceImage {
  return async (bytes, mediaType, max) => {
    if (mediaType === 'image/jpeg') return { bytes, mediaType };
    if (mediaType !== 'image/png') throw new Error(`${mediaType} cannot be drawn in the report`);
    const size = pngSize(bytes);
    if (size && size.width <= max.width && size.height <= max.height) return { bytes, mediaType };
    const decoded = await decodePng(bytes, zlib);
    const small = shrinkToFit(decoded, max.width, max.height);
    return {
      bytes: await encodePng(small, zlib),
      mediaType,
      reduced: {
        from: { width: decoded.width, height: decoded.height },
        to: { width: small.width, height: small.height },
      },
    };
  };
}
