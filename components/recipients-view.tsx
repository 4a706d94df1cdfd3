// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { sendMessage } from '../lib/messaging/client';
import type { RecipientSummary } from '../lib/messaging/protocol';
import { errorText } from './error-text';
import { IDLE, type Status } from './saved-form';
import { formatFingerprint } from './setup-view';

/** `Name <email>` split for display; a user id without brackets is all name. */
export function splitUserId(label: string): { name: string; email: string } {
  const m = /^(.*?)\s*<([^<>]*)>\s*$/.exec(label);
  return m ? { name: m[1] ?? '', email: m[2] ?? '' } : { name: label, email: '' };
}

function RecipientRow({ r, onRemove }: { r: RecipientSummary; onRemove: () => void }) {
  const { name, email } = splitUserId(r.label);
  return (
    <li data-fingerprint={r.fingerprint}>
      <dl>
        <dt>{t('recipientName')}</dt>
        <dd class="recipient-name">
          <bdi>{name || t('recipientNoUserId')}</bdi>
        </dd>
        <dt>{t('recipientEmail')}</dt>
        <dd class="recipient-email">
          <bdi dir="ltr">{email || '—'}</bdi>
        </dd>
        <dt>{t('recipientFingerprint')}</dt>
        <dd>
          <span class="mono fingerprint recipient-fingerprint" dir="ltr">
            {formatFingerprint(r.fingerprint)}
          </span>
        </dd>
      </dl>
      <button type="button" class="recipient-remove" onClick={onRemove}>
        {t('recipientRemove')}
      </button>
    </li>
  );
}

/** Hand-over recipients: import a public key (pasted or from a file), see it, remove it. */
export function RecipientsView() {
  const [recipients, setRecipients] = useState<RecipientSummary[] | null>(null);
  const [armored, setArmored] = useState('');
  const [status, setStatus] = useState<Status>(IDLE);

  async function load() {
    try {
      setRecipients((await sendMessage('recipients.list', {})).recipients);
    } catch (e) {
      setStatus({ state: 'error', text: errorText(e) });
    }
  }
  useEffect(() => void load(), []);

  async function add(text: string) {
    setStatus({ state: 'working', text: '' });
    try {
      await sendMessage('recipients.add', { armored: text });
      setArmored('');
      setStatus({ state: 'done', text: t('recipientAdded') });
      await load();
    } catch (e) {
      setStatus({ state: 'error', text: errorText(e) });
    }
  }

  async function fromFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = '';
    if (file) await add(await file.text());
  }

  async function remove(fingerprint: string) {
    try {
      await sendMessage('recipients.remove', { fingerprint });
      setStatus({ state: 'done', text: t('recipientRemoved') });
      await load();
    } catch (e) {
      setStatus({ state: 'error', text: errorText(e) });
    }
  }

  return (
    <section id="recipients">
      <h2>{t('recipientsTitle')}</h2>
      <p class="hint">{t('recipientsIntro')}</p>
      {recipients?.length === 0 && <p class="hint">{t('recipientsNone')}</p>}
      <ul id="recipient-list" class="recipients">
        {recipients?.map((r) => (
          <RecipientRow key={r.fingerprint} r={r} onRemove={() => void remove(r.fingerprint)} />
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void add(armored);
        }}
      >
        <label>
          <span>{t('recipientKeyLabel')}</span>
          <textarea
            id="recipient-key"
            class="mono"
            dir="ltr"
            rows={6}
            spellcheck={false}
            value={armored}
            onInput={(e) => setArmored(e.currentTarget.value)}
          />
        </label>
        <button
          id="recipient-add"
          type="submit"
          disabled={armored.trim() === '' || status.state === 'working'}
        >
          {t('recipientAdd')}
        </button>
        <label>
          <span>{t('recipientFileLabel')}</span>
          <input
            id="recipient-file"
            type="file"
            accept=".asc,.txt,.pub,.key,application/pgp-keys"
            onChange={(e) => void fromFile(e.currentTarget)}
          />
        </label>
      </form>
      <p
        id="recipient-status"
        class={status.state === 'error' ? 'error' : 'status'}
        data-state={status.state}
        role={status.state === 'error' ? 'alert' : 'status'}
      >
        {status.text}
      </p>
    </section>
  );
}
