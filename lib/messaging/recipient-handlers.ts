// SPDX-License-Identifier: AGPL-3.0-or-later
import type { MessageType, RecipientSummary } from './protocol';
import type { Handlers } from './router';

/** The hand-over recipients kept sealed in the vault (lib/vault/recipients.ts satisfies it). */
export interface RecipientVault {
  recipients: {
    list(): Promise<Array<RecipientSummary & { publicKeyArmored: string }>>;
    add(armored: string): Promise<RecipientSummary & { publicKeyArmored: string }>;
    remove(fingerprint: string): Promise<void>;
  };
}

type RecipientMessage = 'recipients.list' | 'recipients.add' | 'recipients.remove';

// The armored key stays in the vault: the page needs only what it shows.
const summary = (r: RecipientSummary): RecipientSummary => ({
  fingerprint: r.fingerprint,
  label: r.label,
});

/** Handlers to list, import and remove recipients; `touch` counts as activity for auto-lock. */
export function createRecipientHandlers(
  vault: RecipientVault,
  touch: () => Promise<void>,
): Pick<Handlers, RecipientMessage & MessageType> {
  return {
    'recipients.list': async () => ({
      recipients: (await vault.recipients.list()).map(summary),
    }),
    'recipients.add': async ({ armored }) => {
      const recipient = summary(await vault.recipients.add(armored));
      await touch();
      return { recipient };
    },
    'recipients.remove': async ({ fingerprint }) => {
      await vault.recipients.remove(fingerprint);
      await touch();
      return {};
    },
  };
}
