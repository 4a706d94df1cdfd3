// SPDX-License-Identifier: AGPL-3.0-or-later
import { pdqHash, type PdqPixels } from '../pdq/index';
import { bundlePath, isNcii, type ImageHash, type PackItem } from './pack-model';

/** Decodes an image to pixels: createImageBitmap + OffscreenCanvas in the page, a PNG decoder in tests. */
export type DecodeImage = (bytes: Uint8Array, mediaType: string) => Promise<PdqPixels>;

export interface NciiHashDeps {
  readFile(itemId: string, path: string): Promise<Uint8Array>;
  decode: DecodeImage;
}

const IMAGE_TYPES = /^image\/(png|jpeg)$/;

/**
 * SHA-256 (as recorded at capture) and PDQ of every PNG/JPEG file of every intimate-imagery item.
 * An image that cannot be decoded keeps its SHA-256 and gets no PDQ, rather than failing the pack.
 */
export async function nciiImageHashes(
  items: readonly PackItem[],
  deps: NciiHashDeps,
): Promise<Map<string, ImageHash[]>> {
  const out = new Map<string, ImageHash[]>();
  for (const p of items.filter(isNcii)) {
    const hashes: ImageHash[] = [];
    for (const f of p.item.files.filter((x) => IMAGE_TYPES.test(x.mediaType))) {
      const entry: ImageHash = { file: bundlePath(p.item.id, f.path), sha256: f.sha256 };
      try {
        const { hash, quality } = pdqHash(
          await deps.decode(await deps.readFile(p.item.id, f.path), f.mediaType),
        );
        entry.pdq = hash;
        entry.quality = quality;
      } catch {
        // Left without PDQ: the CSV shows an empty cell, the SHA-256 still matches exact copies.
      }
      hashes.push(entry);
    }
    out.set(p.item.id, hashes);
  }
  return out;
}
