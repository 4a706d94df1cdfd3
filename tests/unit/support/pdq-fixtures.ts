// SPDX-License-Identifier: AGPL-3.0-or-later
// The committed PDQ fixtures and the reference implementation's answers for them.
import { readFileSync } from 'node:fs';
import type { DihedralName, PdqPixels } from '../../../lib/pdq/index';
import { parsePnm } from './ppm';

export interface ReferenceEntry {
  file: string;
  width: number;
  height: number;
  sha256: string;
  quality: number;
  hash: string;
  dihedral: Record<DihedralName, string>;
}

const DIR = new URL('../../fixtures/pdq/', import.meta.url);

export const REFERENCE = JSON.parse(readFileSync(new URL('expected.json', DIR), 'utf8')) as {
  reference: { commit: string; command: string };
  images: ReferenceEntry[];
};

export function fixtureBytes(file: string): Uint8Array {
  return readFileSync(new URL(file, DIR));
}

export function loadFixture(file: string): PdqPixels {
  return parsePnm(fixtureBytes(file));
}
