// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { sendMessage } from '../lib/messaging/client';
import type { RecipientSummary } from '../lib/messaging/protocol';
import { splitUserId } from './recipients-view';
import { formatFingerprint } from './setup-view';

/** Chooses the recipients a bundle is encrypted for; none chosen = a plain signed bundle. */
export function ExportRecipients({
  chosen,
  onChange,
}: {
  chosen: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
}) {
  const [recipients, setRecipients] = useState<RecipientSummary[]>([]);
  useEffect(() => {
    sendMessage('recipients.list', {}).then(
      (r) => setRecipients(r.recipients),
      () => setRecipients([]),
    );
  }, []);
  if (recipients.length === 0) return <p class="hint">{t('exportRecipientsNone')}</p>;
  return (
    <fieldset id="export-recipients" class="choices">
      <legend>{t('exportRecipientsLegend')}</legend>
      {recipients.map((r) => (
        <label key={r.fingerprint} class="choice">
          <input
            type="checkbox"
            class="recipient-choice"
            value={r.fingerprint}
            checked={chosen.has(r.fingerprint)}
            onChange={(e) => {
              const next = new Set(chosen);
              if (e.currentTarget.checked) next.add(r.fingerprint);
              else next.delete(r.fingerprint);
              onChange(next);
            }}
          />{' '}
          <bdi>{splitUserId(r.label).name || t('recipientNoUserId')}</bdi>{' '}
          <span class="mono hint" dir="ltr">
            {formatFingerprint(r.fingerprint)}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
