// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * What a downloaded file really is. A server's Content-Type is a claim; the first bytes are
 * checked against it, and the bytes win, so that `media-1.jpg` is a JPEG whatever was declared.
 */

interface Signature {
  mediaType: string;
  ext: string;
  test(b: Uint8Array): boolean;
}

const ascii = (b: Uint8Array, at: number, text: string): boolean =>
  b.length >= at + text.length && [...text].every((c, i) => b[at + i] === c.charCodeAt(0));

const SIGNATURES: Signature[] = [
  {
    mediaType: 'image/png',
    ext: 'png',
    test: (b) => ascii(b, 0, '\x89PNG\r\n\x1a\n'),
  },
  {
    mediaType: 'image/jpeg',
    ext: 'jpg',
    test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  {
    mediaType: 'image/gif',
    ext: 'gif',
    test: (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a'),
  },
  { mediaType: 'image/webp', ext: 'webp', test: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP') },
  {
    mediaType: 'image/avif',
    ext: 'avif',
    test: (b) => ascii(b, 4, 'ftyp') && (ascii(b, 8, 'avif') || ascii(b, 8, 'avis')),
  },
  {
    mediaType: 'image/heic',
    ext: 'heic',
    test: (b) =>
      ascii(b, 4, 'ftyp') && ['heic', 'heix', 'heim', 'heis'].some((x) => ascii(b, 8, x)),
  },
  { mediaType: 'image/bmp', ext: 'bmp', test: (b) => ascii(b, 0, 'BM') && b.length > 14 },
  {
    mediaType: 'image/x-icon',
    ext: 'ico',
    test: (b) => b[0] === 0 && b[1] === 0 && b[2] === 1 && b[3] === 0,
  },
  {
    mediaType: 'image/tiff',
    ext: 'tif',
    test: (b) => ascii(b, 0, 'II*\0') || ascii(b, 0, 'MM\0*'),
  },
  { mediaType: 'video/mp4', ext: 'mp4', test: (b) => ascii(b, 4, 'ftyp') },
  {
    mediaType: 'video/webm',
    ext: 'webm',
    test: (b) => b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf,
  },
  { mediaType: 'image/svg+xml', ext: 'svg', test: isSvg },
];

function isSvg(b: Uint8Array): boolean {
  // SVG is text: look for an <svg element near the start, after an optional BOM, XML prolog,
  // comments or doctype. Decoding only the first 1 KiB keeps this cheap on large files.
  const head = new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(0, 1024));
  const start = head.replace(/^\uFEFF?\s*/, '');
  return /^<(\?xml|svg|!--|!DOCTYPE svg)/i.test(start) && /<svg[\s>]/i.test(head);
}

/** Names for the same type that servers use interchangeably. */
const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/vnd.microsoft.icon': 'image/x-icon',
  'image/ico': 'image/x-icon',
  'image/x-ms-bmp': 'image/bmp',
  'image/heif': 'image/heic',
};

/** The `type/subtype` of a Content-Type header, lower-cased, or '' when it is not one. */
export function essenceOf(contentType: string | null | undefined): string {
  const essence = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(essence)) return '';
  return ALIASES[essence] ?? essence;
}

/** The type the bytes show, or undefined when no known signature matches. */
export function sniffMediaType(bytes: Uint8Array): { mediaType: string; ext: string } | undefined {
  const found = SIGNATURES.find((s) => s.test(bytes));
  return found ? { mediaType: found.mediaType, ext: found.ext } : undefined;
}

export interface VerifiedType {
  mediaType: string;
  ext: string;
  /** Set when the server's claim and the bytes disagree, or the bytes are not recognised. */
  mismatch?: string;
}

/**
 * The media type to record for a download: the declared one when the bytes confirm it, the
 * sniffed one when they contradict it, `application/octet-stream` (`.bin`) when unrecognised.
 */
export function verifyMediaType(
  declared: string | null | undefined,
  bytes: Uint8Array,
): VerifiedType {
  const claim = essenceOf(declared);
  const sniffed = sniffMediaType(bytes);
  if (!sniffed) {
    return {
      mediaType: 'application/octet-stream',
      ext: 'bin',
      mismatch: `server said ${claim || 'nothing'}, bytes not recognised as an image or video`,
    };
  }
  // MP4 and AVIF/HEIC share the ftyp box; a declared image type over ftyp is not a conflict worth
  // refusing, but the brand decides, so the sniffed type is kept.
  if (claim === sniffed.mediaType) return sniffed;
  return {
    ...sniffed,
    mismatch: `server said ${claim || 'nothing'}, bytes are ${sniffed.mediaType}`,
  };
}

/** `media-<n>.<ext>`: n from 1, ext from the verified type; always a safe bundle path segment. */
export function mediaPath(n: number, ext: string): string {
  const safeExt = /^[a-z0-9]{1,8}$/.test(ext) ? ext : 'bin';
  return `media-${Math.max(1, Math.floor(n))}.${safeExt}`;
}
