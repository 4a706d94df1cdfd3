// SPDX-License-Identifier: AGPL-3.0-or-later
// Known-answer vectors: our PDQ against Meta's C++ reference on every committed fixture
// (tests/fixtures/pdq/expected.json says which commit and command produced them).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DIHEDRAL_NAMES, hammingDistance, pdqDihedralHashes, pdqHash } from '../../lib/pdq/index';
import { REFERENCE, fixtureBytes, loadFixture } from './support/pdq-fixtures';

// The implementation mirrors the reference's float32 arithmetic, so it matches bit for bit on
// every fixture today; the bound leaves room for a last-ulp cosine difference between engines
// without letting a real bug (a wrong window, bit order or coefficient) through.
const MAX_BITS = 2;
const MAX_QUALITY_DELTA = 1;

describe('PDQ against the reference implementation', () => {
  it('covers at least 12 images of varied shapes, including non-square and tiny ones', () => {
    const images = REFERENCE.images;
    expect(images.length).toBeGreaterThanOrEqual(12);
    expect(images.some((e) => e.width !== e.height)).toBe(true);
    expect(images.some((e) => Math.min(e.width, e.height) < 10)).toBe(true);
    expect(REFERENCE.reference.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  for (const entry of REFERENCE.images) {
    describe(entry.file, () => {
      const bytes = fixtureBytes(entry.file);
      const image = loadFixture(entry.file);

      it('is the exact file the reference hashed', () => {
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
        expect([image.width, image.height]).toEqual([entry.width, entry.height]);
      });

      it(`hash within ${String(MAX_BITS)} bits and quality within ±${String(MAX_QUALITY_DELTA)}`, () => {
        const ours = pdqHash(image);
        expect(hammingDistance(ours.hash, entry.hash)).toBeLessThanOrEqual(MAX_BITS);
        expect(Math.abs(ours.quality - entry.quality)).toBeLessThanOrEqual(MAX_QUALITY_DELTA);
      });

      it('all eight dihedral hashes within the same bound', () => {
        const ours = pdqDihedralHashes(image);
        for (const name of DIHEDRAL_NAMES) {
          expect(hammingDistance(ours[name], entry.dihedral[name]), name).toBeLessThanOrEqual(
            MAX_BITS,
          );
        }
        expect(Math.abs(ours.quality - entry.quality)).toBeLessThanOrEqual(MAX_QUALITY_DELTA);
      });
    });
  }
});
