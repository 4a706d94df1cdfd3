// SPDX-License-Identifier: AGPL-3.0-or-later
import { sha256 } from '@noble/hashes/sha2.js';
import { createSHA256 } from 'hash-wasm';
import { ownBuffer, toHex } from './bytes';

export interface StreamingHash {
  update(chunk: Uint8Array): void;
  digestHex(): string;
}

/** Lower-case hex SHA-256 via WebCrypto (fast for large buffers). */
export async function sha256Hex(data: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', ownBuffer(data))));
}

/** Lower-case hex SHA-256, synchronous (used where no await is allowed, e.g. the custody chain). */
export function sha256HexSync(data: Uint8Array): string {
  return toHex(sha256(data));
}

/** An incremental SHA-256 for data that arrives in chunks (bundle entries, large files). */
export async function createSha256(): Promise<StreamingHash> {
  const h = await createSHA256();
  h.init();
  return {
    update(chunk) {
      h.update(chunk);
    },
    digestHex() {
      return h.digest('hex');
    },
  };
}
