// SPDX-License-Identifier: AGPL-3.0-or-later
import { sha256Hex } from '../crypto/hash';
import { obscure } from './box-blur';
import { decodePng, encodePng, type Zlib } from './png-codec';

/** A blurred PNG made from an evidence image, with the hashes that tie it to its parent. */
export interface BlurredCopy {
  png: Uint8Array;
  sha256: string;
  width: number;
  height: number;
  parent: { path: string; sha256: string };
}

/**
 * Makes the report's blurred stand-in for a sensitive screenshot. The original is only read;
 * its hash is re-computed here so the record names the exact bytes the copy came from.
 */
export async function makeBlurredCopy(
  parent: { path: string; bytes: Uint8Array },
  zlib: Zlib,
): Promise<BlurredCopy> {
  const image = obscure(await decodePng(parent.bytes, zlib));
  const png = await encodePng(image, zlib);
  return {
    png,
    sha256: await sha256Hex(png),
    width: image.width,
    height: image.height,
    parent: { path: parent.path, sha256: await sha256Hex(parent.bytes) },
  };
}
