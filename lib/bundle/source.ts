// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ByteSource } from './zip-archive';

/** A source over bytes already in memory (tests, small bundles). */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => Promise.resolve(bytes.subarray(offset, offset + length)),
  };
}

/** A source over a Blob or File (the verify page): only the requested slice is read. */
export function blobSource(blob: Blob): ByteSource {
  return {
    size: blob.size,
    read: async (offset, length) =>
      new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
  };
}
