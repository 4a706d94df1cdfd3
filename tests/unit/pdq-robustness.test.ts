// SPDX-License-Identifier: AGPL-3.0-or-later
// What PDQ is for: an edited re-upload still matches, a different image does not, and the
// dihedral hashes really are the hashes of the rotated and flipped pixels.
import { describe, expect, it } from 'vitest';
import {
  DIHEDRAL_NAMES,
  hammingDistance,
  pdqDihedralHashes,
  pdqHash,
  type PdqPixels,
} from '../../lib/pdq/index';
import { encodePnm, parsePnm } from './support/ppm';
import { REFERENCE, loadFixture } from './support/pdq-fixtures';
import { dihedralPixels, mapSamples, resize } from './support/pdq-transforms';

// Meta's recommended starting threshold for "same image" (pdq/README.md).
const MATCH_THRESHOLD = 31;
const DIFFERENT_MIN = 60;

// Structured, photo-like fixtures. Checkerboards and white noise are left out on purpose: their
// DCTs are dominated by near-zero or aliasing coefficients, so any resampling scrambles them.
const NEAR_DUPLICATE_SOURCES = [
  'blocks-333x222.ppm',
  'circles-200x320.ppm',
  'sunset-240x240.ppm',
  'rings-grey-150x150.pgm',
];

// A stand-in for lossy re-encoding: quantise to 5 bits per sample and add small seeded noise.
function lossy(image: PdqPixels): PdqPixels {
  let s = 7;
  const noise = (): number => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return (s % 9) - 4;
  };
  return mapSamples(image, (v) => (v & ~7) + 4 + noise());
}

const EDITS: Record<string, (image: PdqPixels) => PdqPixels> = {
  'PNM re-encoded': (image) => parsePnm(encodePnm(image)),
  'brightened by 12': (image) => mapSamples(image, (v) => v + 12),
  'contrast +10%': (image) => mapSamples(image, (v) => Math.round((v - 128) * 1.1 + 128)),
  'shrunk to 90%': (image) =>
    resize(image, Math.round(image.width * 0.9), Math.round(image.height * 0.9)),
  'enlarged to 110%': (image) =>
    resize(image, Math.round(image.width * 1.1), Math.round(image.height * 1.1)),
  'lossy re-encoded': lossy,
  'shrunk, brightened and lossy': (image) =>
    lossy(
      mapSamples(
        resize(image, Math.round(image.width * 0.9), Math.round(image.height * 0.9)),
        (v) => v + 8,
      ),
    ),
};

describe('PDQ near-duplicates stay within the match threshold', () => {
  for (const file of NEAR_DUPLICATE_SOURCES) {
    const image = loadFixture(file);
    const original = pdqHash(image).hash;
    for (const [edit, apply] of Object.entries(EDITS)) {
      it(`${file}, ${edit}`, () => {
        const d = hammingDistance(original, pdqHash(apply(image)).hash);
        expect(d).toBeLessThanOrEqual(MATCH_THRESHOLD);
      });
    }
  }
});

describe('PDQ different images are far apart', () => {
  const usable = REFERENCE.images.filter((e) => e.quality >= 50 && e.width >= 32 && e.height >= 32);

  it(`every pair of distinct usable fixtures differs by more than ${String(DIFFERENT_MIN)} bits`, () => {
    expect(usable.length).toBeGreaterThanOrEqual(6);
    const hashes = usable.map((e) => pdqHash(loadFixture(e.file)).hash);
    for (let i = 0; i < hashes.length; i++) {
      for (let j = i + 1; j < hashes.length; j++) {
        const d = hammingDistance(hashes[i] ?? '', hashes[j] ?? '');
        expect(d, `${usable[i]?.file ?? ''} vs ${usable[j]?.file ?? ''}`).toBeGreaterThan(
          DIFFERENT_MIN,
        );
      }
    }
  });

  it('an edited image is still far from a different one', () => {
    const sunset = pdqHash(mapSamples(loadFixture('sunset-240x240.ppm'), (v) => v + 12)).hash;
    const circles = pdqHash(loadFixture('circles-200x320.ppm')).hash;
    expect(hammingDistance(sunset, circles)).toBeGreaterThan(DIFFERENT_MIN);
  });
});

describe('PDQ dihedral hashes name the right transforms', () => {
  // 64x64 needs no resampling, so rotating the pixels commutes exactly with hashing.
  it('on a 64x64 image, each is exactly the hash of the transformed pixels', () => {
    const image = loadFixture('exact-64x64.ppm');
    const ours = pdqDihedralHashes(image);
    const moved = dihedralPixels(image);
    for (const name of DIHEDRAL_NAMES) {
      const target = moved[name];
      if (!target) throw new Error(name);
      expect(hammingDistance(ours[name], pdqHash(target).hash), name).toBe(0);
    }
  });

  // 320 = 5 x 64 gives an odd box window (3) and decimation at the centre of each 5-pixel cell,
  // so the pipeline is symmetric and the match is exact again.
  it('on a 320x320 image, each is exactly the hash of the transformed pixels', () => {
    const image = resize(loadFixture('sunset-240x240.ppm'), 320, 320);
    const ours = pdqDihedralHashes(image);
    const moved = dihedralPixels(image);
    for (const name of DIHEDRAL_NAMES) {
      const target = moved[name];
      if (!target) throw new Error(name);
      expect(hammingDistance(ours[name], pdqHash(target).hash), name).toBe(0);
    }
  });

  // At other sizes even windows and off-centre sampling make PDQ not exactly rotation-invariant
  // (the reference behaves the same; 240x240 gives up to 44 bits), but each transformed image
  // must still be nearest to the hash of its own name.
  it('on a 240x240 image, each transformed image is nearest its own dihedral hash', () => {
    const image = loadFixture('sunset-240x240.ppm');
    const ours = pdqDihedralHashes(image);
    const moved = dihedralPixels(image);
    for (const name of DIHEDRAL_NAMES) {
      const target = moved[name];
      if (!target) throw new Error(name);
      const hash = pdqHash(target).hash;
      const nearest = [...DIHEDRAL_NAMES].sort(
        (a, b) => hammingDistance(ours[a], hash) - hammingDistance(ours[b], hash),
      )[0];
      expect(nearest, name).toBe(name);
    }
  });
});
