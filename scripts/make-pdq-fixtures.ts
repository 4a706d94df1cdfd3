// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Writes the synthetic PDQ test images (tests/fixtures/pdq/*.ppm, *.pgm): gradients,
 * checkerboards, shapes and seeded noise in varied sizes, square, non-square and tiny. They are
 * our own data, deterministic, and small enough for the reference's command-line tool to hash
 * without its 512-pixel pre-shrink. Run with `npx tsx scripts/make-pdq-fixtures.ts`; the files
 * and their reference hashes (expected.json) are committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';

type Rgb = readonly [number, number, number];

interface Spec {
  name: string;
  width: number;
  height: number;
  grey?: boolean;
  pixel: (x: number, y: number, rand: () => number) => Rgb;
}

// mulberry32: a tiny seeded PRNG, so "noise" is the same on every run.
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clamp = (v: number): number => Math.max(0, Math.min(255, Math.round(v)));
const grey = (v: number): Rgb => [clamp(v), clamp(v), clamp(v)];

const SPECS: Spec[] = [
  { name: 'gradient-h-256x256', width: 256, height: 256, pixel: (x) => grey(x) },
  {
    name: 'gradient-diag-300x200',
    width: 300,
    height: 200,
    pixel: (x, y) => [clamp((x * 255) / 299), clamp((y * 255) / 199), clamp(((x + y) * 255) / 498)],
  },
  {
    name: 'checker-16-128x128',
    width: 128,
    height: 128,
    pixel: (x, y) => grey(((x >> 4) + (y >> 4)) & 1 ? 230 : 20),
  },
  {
    name: 'checker-odd-97x61',
    width: 97,
    height: 61,
    pixel: (x, y) => ((((x / 7) | 0) + ((y / 5) | 0)) & 1 ? [200, 40, 40] : [30, 60, 190]),
  },
  {
    name: 'circles-200x320',
    width: 200,
    height: 320,
    pixel: (x, y) => {
      const inA = (x - 70) ** 2 + (y - 90) ** 2 < 50 ** 2;
      const inB = (x - 130) ** 2 + (y - 230) ** 2 < 60 ** 2;
      return inA ? [250, 220, 30] : inB ? [20, 160, 80] : [40, 40, 60];
    },
  },
  {
    name: 'noise-160x120',
    width: 160,
    height: 120,
    pixel: (_x, _y, rand) => [clamp(rand() * 256), clamp(rand() * 256), clamp(rand() * 256)],
  },
  {
    name: 'blocks-333x222',
    width: 333,
    height: 222,
    pixel: (x, y) => {
      // Deterministic "layout": coloured rectangles picked by a hash of the 37x37 cell.
      const cell =
        Math.imul(((x / 37) | 0) * 73856093, 1) ^ Math.imul(((y / 37) | 0) * 19349663, 1);
      const r = seeded(cell)();
      return r < 0.3 ? [240, 240, 235] : r < 0.6 ? [25, 25, 30] : [clamp(r * 255), 90, 160];
    },
  },
  {
    name: 'sunset-240x240',
    width: 240,
    height: 240,
    pixel: (x, y) => {
      const sun = Math.hypot(x - 150, y - 150) < 35;
      const sky: Rgb = [clamp(250 - y * 0.5), clamp(120 + y * 0.3), clamp(200 - y * 0.7)];
      const sea = y > 170 ? grey(40 + 20 * Math.sin(x / 6 + y / 3)) : null;
      return sea ?? (sun ? [255, 210, 90] : sky);
    },
  },
  {
    name: 'rings-grey-150x150',
    width: 150,
    height: 150,
    grey: true,
    pixel: (x, y) => grey(128 + 120 * Math.cos(Math.hypot(x - 60, y - 80) / 4)),
  },
  {
    name: 'stripes-wide-500x8',
    width: 500,
    height: 8,
    pixel: (x, y) => grey(x % 50 < 25 ? 200 - y * 10 : 40 + y * 10),
  },
  {
    name: 'stripes-tall-7x300',
    width: 7,
    height: 300,
    pixel: (x, y) => [clamp((y % 60) * 4), clamp(x * 30), 128],
  },
  {
    name: 'exact-64x64',
    width: 64,
    height: 64,
    pixel: (x, y, rand) => grey((x ^ y) * 4 + rand() * 20),
  },
  {
    name: 'tiny-5x5',
    width: 5,
    height: 5,
    pixel: (x, y) => grey((x * 5 + y) * 10),
  },
  {
    name: 'too-small-4x9',
    width: 4,
    height: 9,
    pixel: (x, y) => grey(x * 60 + y * 5),
  },
  {
    name: 'triangle-420x300',
    width: 420,
    height: 300,
    pixel: (x, y, rand) => {
      const inside = y > 40 && Math.abs(x - 210) < (y - 40) * 0.75;
      const n = rand() * 16 - 8;
      return inside ? [clamp(200 + n), clamp(60 + n), clamp(60 + n)] : grey(90 + x / 8 + n);
    },
  },
];

function encode(spec: Spec): Buffer {
  const rand = seeded(0x5eed ^ spec.width ^ (spec.height << 12));
  const channels = spec.grey ? 1 : 3;
  const header = Buffer.from(`${spec.grey ? 'P5' : 'P6'}\n${spec.width} ${spec.height}\n255\n`);
  const body = Buffer.alloc(spec.width * spec.height * channels);
  let o = 0;
  for (let y = 0; y < spec.height; y++) {
    for (let x = 0; x < spec.width; x++) {
      const [r, g, b] = spec.pixel(x, y, rand);
      if (spec.grey) body[o++] = r;
      else {
        body[o++] = r;
        body[o++] = g;
        body[o++] = b;
      }
    }
  }
  return Buffer.concat([header, body]);
}

const dir = new URL('../tests/fixtures/pdq/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const spec of SPECS) {
  const file = `${spec.name}.${spec.grey ? 'pgm' : 'ppm'}`;
  writeFileSync(new URL(file, dir), encode(spec));
  console.log(file);
}
