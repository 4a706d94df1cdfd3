// SPDX-License-Identifier: AGPL-3.0-or-later
import { toHex } from './bytes';

/** `length` bytes from the platform CSPRNG. */
export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** 32 lower-case hex characters (128 random bits): an opaque id, safe as a bundle path segment. */
export function randomId(): string {
  return toHex(randomBytes(16));
}
