// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  openJson,
  readRecipientKey,
  RecipientKeyError,
  sealJson,
  type RecipientKey,
} from '../crypto/index';
import { adFor, asWriteError, requireKey, type VaultContext } from './context';

/**
 * Hand-over recipients (a lawyer's, a helpline's public key), sealed as one `secrets` row: who
 * the collector works with is as sensitive as the evidence.
 */
export interface RecipientStore {
  list(): Promise<RecipientKey[]>;
  /** Reads and checks the armored key, then keeps it; the same fingerprint twice is refused. */
  add(armored: string): Promise<RecipientKey>;
  remove(fingerprint: string): Promise<void>;
}

/** The recipients of the vault opened with `ctx` (the page's own session key). */
export function createRecipientStore(ctx: VaultContext): RecipientStore {
  const ad = adFor('secrets', 'recipients');
  async function list(): Promise<RecipientKey[]> {
    const key = await requireKey(ctx);
    const row = await ctx.db.secrets.get('recipients');
    return row ? openJson<RecipientKey[]>(key, row.sealed, ad) : [];
  }
  async function save(next: RecipientKey[]): Promise<void> {
    const sealed = await sealJson(await requireKey(ctx), next, ad);
    try {
      await ctx.db.secrets.put({ id: 'recipients', sealed });
    } catch (e) {
      throw asWriteError(e, 'Saving recipients', []);
    }
  }
  return {
    list,
    async add(armored) {
      const recipient = await readRecipientKey(armored);
      const current = await list();
      if (current.some((r) => r.fingerprint === recipient.fingerprint))
        throw new RecipientKeyError(
          'recipient-duplicate',
          `Key ${recipient.fingerprint} is already a recipient`,
        );
      await save([...current, recipient]);
      return recipient;
    },
    async remove(fingerprint) {
      await save((await list()).filter((r) => r.fingerprint !== fingerprint));
    },
  };
}
