// SPDX-License-Identifier: AGPL-3.0-or-later
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sha256Hex, type Identity } from '../../../lib/crypto/index';
import type { BundleInput } from '../../../lib/bundle/write';
import { emptyClassification, type Classification } from '../../../lib/model/classification';
import type { ItemJson } from '../../../lib/model/item';
import { encodePng } from '../../../lib/reports/png-codec';
import type { ReportInput, ReportItem } from '../../../lib/reports/report-input';
import { createStreamZlib } from '../../../lib/reports/zlib-streams';
import { custodyFor } from './bundle-fixture';

const TTF = resolve(import.meta.dirname, '../../../node_modules/dejavu-fonts-ttf/ttf');

/** The fonts the extension ships, read from the package. */
export const reportFonts = () => ({
  regular: new Uint8Array(readFileSync(`${TTF}/DejaVuSans.ttf`)),
  bold: new Uint8Array(readFileSync(`${TTF}/DejaVuSans-Bold.ttf`)),
});

/** A real PNG: coloured bands and a checkerboard, so a blur visibly changes it. */
export async function patternPng(width: number, height: number, seed: number): Promise<Uint8Array> {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const check = ((x >> 3) + (y >> 3)) % 2 === 0;
      rgba[o] = check ? 240 : (x * 7 + seed * 40) & 0xff;
      rgba[o + 1] = check ? 240 : (y * 5) & 0xff;
      rgba[o + 2] = check ? 20 : 160;
      rgba[o + 3] = 255;
    }
  }
  return encodePng({ width, height, rgba }, createStreamZlib());
}

/** Two captures, the second classified as intimate imagery, with post fields and custody. */
export async function makeReportInput(
  identity: Identity & { name: string },
): Promise<{ bundle: BundleInput; items: ReportItem[] }> {
  const at = ['2025-03-01T10:00:00.000Z', '2025-03-04T18:30:05.000Z'];
  const items: ReportItem[] = [];
  for (let i = 0; i < 2; i++) {
    const png = await patternPng(320, 200 + i * 40, i);
    const id = `rep${i}${'a'.repeat(28)}`;
    const item: ItemJson = {
      formatVersion: 1,
      id,
      capturedAt: at[i]!,
      timezone: 'Europe/Paris',
      source: {
        url: `https://social.example/@troll${i}/status/10${i}?ref=très-long-paramètre-${'x'.repeat(60)}`,
        finalUrl: `https://social.example/@troll${i}/status/10${i}`,
        title: i === 0 ? 'Menace envers la défenseure' : 'Image diffusée sans consentement',
      },
      environment: {
        userAgent: 'test',
        browser: { name: 'chromium', version: '156' },
        extensionVersion: '0.1.0',
        viewport: { width: 1280, height: 800 },
        devicePixelRatio: 1,
      },
      collector: { name: identity.name, fingerprint: identity.fingerprint },
      files: [
        {
          path: 'screenshot.png',
          role: 'screenshot-visible',
          sha256: await sha256Hex(png),
          bytes: png.length,
          mediaType: 'image/png',
        },
      ],
      post: {
        platform: 'mastodon',
        id: `10${i}77`,
        url: `https://social.example/@troll${i}/10${i}77`,
        author: { handle: `@troll${i}`, displayName: `Troll ${i}`, id: `acct-${i}` },
      },
    };
    const classification: Classification = {
      ...emptyClassification(at[i]!),
      category: i === 0 ? 'threat-of-violence' : 'image-based-sexual-abuse',
      intimateImagery: i === 1,
    };
    items.push({ item, files: [{ path: 'screenshot.png', bytes: png }], classification });
  }
  const bundle: BundleInput = {
    bundleId: 'c0ffee00c0ffee00c0ffee00c0ffee00',
    createdAt: '2025-03-05T09:00:00.000Z',
    generator: { name: 'Attest', version: '0.1.0', browser: 'chromium 156' },
    collector: {
      name: identity.name,
      fingerprint: identity.fingerprint,
      publicKeyArmored: identity.publicKeyArmored,
    },
    items: items.map(({ item, files }) => ({ item, files })),
    custodyLines: custodyFor(
      items.map(({ item, files }) => ({ item, files })),
      identity.fingerprint,
    ),
  };
  return { bundle, items };
}

/** One capture with the given files and a report input around it (no classification). */
export function bareReportInput(
  id: string,
  files: Array<{ path: string; role: ItemJson['files'][number]['role']; bytes: Uint8Array }>,
  hashes: string[],
  custodyLines: string[] = [],
): ReportInput {
  const item: ItemJson = {
    formatVersion: 1,
    id,
    capturedAt: '2026-01-01T10:00:00.000Z',
    timezone: 'UTC',
    source: { url: 'https://x.example/thread', finalUrl: 'https://x.example/thread', title: 'T' },
    environment: {
      userAgent: 'test',
      browser: { name: 'chromium', version: '156' },
      extensionVersion: '0.1.0',
      viewport: { width: 1280, height: 800 },
      devicePixelRatio: 1,
    },
    collector: { name: 'C', fingerprint: 'F'.repeat(40) },
    files: files.map((f, i) => ({
      path: f.path,
      role: f.role,
      sha256: hashes[i]!,
      bytes: f.bytes.length,
      mediaType: 'image/png',
    })),
    notes: [],
  };
  return {
    lang: 'en',
    bundleId: 'c'.repeat(32),
    createdAt: '2026-01-02T00:00:00.000Z',
    generator: { name: 'Attest', version: '0.1.0', browser: 'test' },
    collector: { name: 'C', fingerprint: 'F'.repeat(40) },
    items: [{ item, files: files.map((f) => ({ path: f.path, bytes: f.bytes })) }],
    custodyLines,
  };
}
