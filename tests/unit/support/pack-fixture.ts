// SPDX-License-Identifier: AGPL-3.0-or-later
// A small "vault" for the platform-pack tests: four captures on three platforms, one of them
// flagged as intimate imagery, with real PNG screenshots so PDQ runs on decoded pixels.
import { sha256Hex, utf8Encode } from '../../../lib/crypto/index';
import type { Classification } from '../../../lib/model/classification';
import type { EvidenceFile, ItemJson, PostFields } from '../../../lib/model/item';
import type { PdqPixels } from '../../../lib/pdq/index';
import type { PackItem } from '../../../lib/reports/pack-model';
import { decodePng } from '../../e2e/support/png';
import { pngFile } from '../../../scripts/drive/png-file';

/** An RGB PNG whose pixels are `f(x, y)`: a real image for PDQ, unique per `seed`. */
export function makePng(width: number, height: number, seed: number): Uint8Array {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * (width * 3 + 1) + 1 + x * 3;
      raw[at] = (x * 7 + seed * 31) & 0xff;
      raw[at + 1] = (y * 5 + ((x * y) >> 3) + seed) & 0xff;
      raw[at + 2] = ((x ^ y) * 3 + seed * 17) & 0xff;
    }
  }
  return new Uint8Array(pngFile(width, height, 2, raw));
}

/** The Node stand-in for the page's createImageBitmap + OffscreenCanvas decoding. */
export function decodeForTest(bytes: Uint8Array, mediaType: string): Promise<PdqPixels> {
  if (mediaType !== 'image/png') return Promise.reject(new Error(`cannot decode ${mediaType}`));
  const png = decodePng(bytes);
  const data = new Uint8Array(png.width * png.height * 3);
  for (let y = 0; y < png.height; y++)
    for (let x = 0; x < png.width; x++) data.set(png.rgb(x, y), (y * png.width + x) * 3);
  return Promise.resolve({ width: png.width, height: png.height, data, channels: 3 });
}

export interface FixtureItem extends PackItem {
  files: Array<{ path: string; bytes: Uint8Array }>;
}

async function entry(
  path: string,
  role: EvidenceFile['role'],
  mediaType: string,
  bytes: Uint8Array,
) {
  return { path, role, mediaType, bytes: bytes.length, sha256: await sha256Hex(bytes) };
}

async function capture(opts: {
  id: string;
  capturedAt: string;
  url: string;
  title: string;
  post?: PostFields;
  files: Array<{ path: string; role: EvidenceFile['role']; mediaType: string; bytes: Uint8Array }>;
  classification: Classification | null;
}): Promise<FixtureItem> {
  const item: ItemJson = {
    formatVersion: 1,
    id: opts.id,
    capturedAt: opts.capturedAt,
    timezone: 'Europe/Paris',
    source: { url: opts.url, finalUrl: opts.url, title: opts.title },
    environment: {
      userAgent: 'test',
      browser: { name: 'chromium', version: '156' },
      extensionVersion: '0.1.0',
      viewport: { width: 1280, height: 800 },
      devicePixelRatio: 1,
    },
    collector: { name: 'Amina', fingerprint: 'A'.repeat(40) },
    files: await Promise.all(opts.files.map((f) => entry(f.path, f.role, f.mediaType, f.bytes))),
    ...(opts.post ? { post: opts.post } : {}),
  };
  return {
    item,
    classification: opts.classification,
    files: opts.files.map((f) => ({ path: f.path, bytes: f.bytes })),
  };
}

const base = (over: Partial<Classification>): Classification => ({
  imminentRisk: false,
  intimateImagery: false,
  legalGrounds: [],
  reporting: [],
  updatedAt: '2025-03-02T09:00:00.000Z',
  ...over,
});

/** Text that belongs to the NCII item and must never reach a pack file. */
export const NCII_SECRETS = {
  notes: 'NOTES-describing-the-image-7f3a',
  postText: 'POSTTEXT-ncii-caption-91bd',
  title: 'TITLE-ncii-page-44e0',
  html: 'HTML-ncii-snapshot-c2d1',
  policy: 'Adult Nudity policy',
};

/** Four captures: two on X, one intimate-imagery post on Mastodon, one plain web page. */
export async function packFixture(): Promise<FixtureItem[]> {
  const shotA = makePng(40, 30, 1);
  const threat = await capture({
    id: 'itemA',
    capturedAt: '2025-03-01T10:00:00.000Z',
    url: 'https://x.com/attacker/status/1234567890',
    title: 'Post on X',
    post: {
      platform: 'x',
      id: '1234567890',
      url: 'https://x.com/attacker/status/1234567890',
      text: 'We know where you live',
      postedAt: '2025-03-01T08:15:00.000Z',
      author: { handle: '@attacker', id: '998877', displayName: 'Attacker' },
    },
    files: [
      {
        path: 'screenshot-element.png',
        role: 'screenshot-element',
        mediaType: 'image/png',
        bytes: shotA,
      },
    ],
    classification: base({
      category: 'threat-of-violence',
      severity: 'critical',
      imminentRisk: true,
      notes: 'Says "we know where you live", names her street, and sets a date.',
      policy: 'Violent Speech policy',
      legalGrounds: [
        { jurisdiction: 'FR', instrument: 'Code pénal', article: 'art. 222-17' },
        { jurisdiction: 'EU', instrument: 'Directive (EU) 2024/1385', article: 'art. 7' },
      ],
    }),
  });
  const injection = await capture({
    id: 'itemB',
    capturedAt: '2025-03-01T11:00:00.000Z',
    url: 'https://x.com/plus/status/42',
    title: 'Post on X',
    post: {
      platform: 'x',
      id: '42',
      url: 'https://x.com/plus/status/42',
      author: { handle: '+cmd' },
    },
    files: [
      {
        path: 'screenshot-visible.png',
        role: 'screenshot-visible',
        mediaType: 'image/png',
        bytes: makePng(20, 20, 2),
      },
    ],
    classification: base({
      category: 'harassment',
      notes: '=HYPERLINK("http://evil.example","x")',
      policy: '@policy',
    }),
  });
  const ncii = await capture({
    id: 'itemC',
    capturedAt: '2025-03-01T12:00:00.000Z',
    url: 'https://example.social/@leaker/111',
    title: NCII_SECRETS.title,
    post: {
      platform: 'mastodon',
      id: '111',
      url: 'https://example.social/@leaker/111',
      text: NCII_SECRETS.postText,
      author: { handle: '@leaker@example.social', id: '5555' },
      media: [{ url: 'https://example.social/media/1.png', type: 'image' }],
    },
    files: [
      {
        path: 'screenshot-visible.png',
        role: 'screenshot-visible',
        mediaType: 'image/png',
        bytes: makePng(48, 36, 3),
      },
      { path: 'media-1.png', role: 'media', mediaType: 'image/png', bytes: makePng(32, 32, 4) },
      {
        path: 'dom-snapshot.html',
        role: 'dom-snapshot',
        mediaType: 'text/html',
        bytes: utf8Encode(`<p>${NCII_SECRETS.html}</p>`),
      },
    ],
    classification: base({
      category: 'image-based-sexual-abuse',
      intimateImagery: true,
      notes: NCII_SECRETS.notes,
      policy: NCII_SECRETS.policy,
      legalGrounds: [{ jurisdiction: 'FR', instrument: 'Code pénal', article: 'art. 226-2-1' }],
    }),
  });
  const page = await capture({
    id: 'itemD',
    capturedAt: '2025-03-01T13:00:00.000Z',
    url: 'https://blog.example.net/smear?id=7',
    title: 'Smear page',
    files: [
      {
        path: 'screenshot-visible.png',
        role: 'screenshot-visible',
        mediaType: 'image/png',
        bytes: makePng(16, 16, 5),
      },
    ],
    classification: null,
  });
  return [threat, injection, ncii, page];
}
