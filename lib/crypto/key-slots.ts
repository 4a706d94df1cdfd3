// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The header's two key slots. One wraps the data key under the passphrase-derived key; the other
 * either wraps a duress token under the duress passphrase's key or is random bytes of the same
 * shape. AES-GCM output is indistinguishable from random, so nothing stored says which slot is
 * which, nor whether a duress passphrase exists.
 */
import { open, seal, type AdContext, type Sealed } from './aead';
import { DecryptError } from './errors';
import { randomBytes } from './random';

const DATA_AD: AdContext = { table: 'header', id: 'vault.dataKey', schemaVersion: 1 };
const DURESS_AD: AdContext = { table: 'header', id: 'vault.duress', schemaVersion: 1 };
const KEY_BYTES = 32;
const TAG_BYTES = 16;

export const KEY_SLOT_COUNT = 2;

export type KeySlots = [Sealed, Sealed];

/** What a derived key opened: the data key (and its slot), the duress slot, or nothing. */
export type SlotMatch =
  | { kind: 'data-key'; raw: Uint8Array<ArrayBuffer>; index: number }
  | { kind: 'duress' }
  | { kind: 'none' };

/** Random bytes shaped exactly like a wrapped 32-byte key: the filler of an unused slot. */
export function decoySlot(): Sealed {
  return { v: 1, iv: randomBytes(12), ct: randomBytes(KEY_BYTES + TAG_BYTES) } as Sealed;
}

/** Wraps a random duress token under `kek`; same sizes as a wrapped data key. */
export async function duressSlot(kek: CryptoKey): Promise<Sealed> {
  const token = randomBytes(KEY_BYTES);
  try {
    return await seal(kek, token, DURESS_AD);
  } finally {
    token.fill(0);
  }
}

/** Slots with the data key wrapped under `kek` and `other` at a random position. */
export async function arrangeSlots(
  kek: CryptoKey,
  raw: Uint8Array,
  other: Sealed = decoySlot(),
): Promise<KeySlots> {
  const wrapped = await seal(kek, raw, DATA_AD);
  return (randomBytes(1)[0]! & 1) === 0 ? [wrapped, other] : [other, wrapped];
}

async function tryOpen(kek: CryptoKey, slot: Sealed, ad: AdContext) {
  try {
    return await open(kek, slot, ad);
  } catch (e) {
    if (e instanceof DecryptError) return null;
    throw e;
  }
}

/**
 * Tries `kek` on every slot as data key and as duress token. All four attempts always run, in the
 * same order, so which passphrase was entered does not change the work done.
 */
export async function openSlots(kek: CryptoKey, slots: readonly Sealed[]): Promise<SlotMatch> {
  let match: SlotMatch = { kind: 'none' };
  for (let index = 0; index < slots.length; index++) {
    const slot = slots[index]!;
    const data = await tryOpen(kek, slot, DATA_AD);
    const duress = await tryOpen(kek, slot, DURESS_AD);
    duress?.fill(0);
    if (data && data.length === KEY_BYTES && match.kind === 'none')
      match = { kind: 'data-key', raw: data, index };
    else data?.fill(0);
    if (duress && match.kind === 'none') match = { kind: 'duress' };
  }
  return match;
}
