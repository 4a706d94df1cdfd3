// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../lib/bundle/source';
import { readArchive } from '../../lib/bundle/zip-archive';
import { honestBundle, verifyBytes } from './support/bundle-fixture';

describe('bundle compression', () => {
  it('stores screenshots as they are and deflates text, and the bundle verifies', async () => {
    const { zip } = await honestBundle();
    const { entries } = await readArchive(bytesSource(zip));
    const png = entries.filter((e) => e.name.endsWith('.png'));
    const text = entries.filter((e) => /(\.json|\.html|SHA256SUMS|\.jsonl)$/.test(e.name));
    expect(png.length).toBeGreaterThan(0);
    expect(text.length).toBeGreaterThan(0);
    for (const e of png) {
      expect(e.method, e.name).toBe(0);
      expect(e.compressedSize).toBe(e.size);
    }
    // Deflated at the fast level (write.ts): still far smaller than the text itself.
    for (const e of text) expect(e.method, e.name).toBe(8);
    const manifest = text.find((e) => e.name === 'manifest.json')!;
    expect(manifest.compressedSize).toBeLessThan(manifest.size / 2);
    const report = await verifyBytes(zip);
    expect(report.errors).toEqual([]);
    expect(report.status).toBe('intact');
  });
});
