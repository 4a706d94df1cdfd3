// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { sendMessage } from '../lib/messaging/client';
import { isEmailAddress, MAX_EMAIL_LENGTH, MAX_NOTIFIER_NAME_LENGTH } from '../lib/model/notifier';
import { errorText } from './error-text';

type Status = { state: 'idle' | 'done' | 'error'; text: string };

/** The notifier's name and email that platform notices (DSA Art. 16(2)(c)) give. */
export function NotifierSettings() {
  // Null until the saved values arrive: typing earlier would be overwritten by them.
  const [fields, setFields] = useState<{ name: string; email: string } | null>(null);
  const [status, setStatus] = useState<Status>({ state: 'idle', text: '' });

  useEffect(() => {
    sendMessage('settings.get', {}).then(
      (s) => setFields({ name: s.notifierName, email: s.notifierEmail }),
      (e: unknown) => setStatus({ state: 'error', text: errorText(e) }),
    );
  }, []);

  async function save(event: Event) {
    event.preventDefault();
    if (!fields) return;
    const name = fields.name.trim();
    const email = fields.email.trim();
    if (email !== '' && !isEmailAddress(email)) {
      setStatus({ state: 'error', text: t('settingsEmailInvalid') });
      return;
    }
    try {
      const saved = await sendMessage('settings.update', {
        notifierName: name,
        notifierEmail: email,
      });
      setFields({ name: saved.notifierName, email: saved.notifierEmail });
      setStatus({ state: 'done', text: t('settingsSaved') });
    } catch (e) {
      setStatus({ state: 'error', text: errorText(e) });
    }
  }

  return (
    <form id="notifier-settings" noValidate onSubmit={(e) => void save(e)}>
      <fieldset disabled={fields === null}>
        <legend>{t('settingsNotifierLegend')}</legend>
        <p class="hint">{t('settingsNotifierHint')}</p>
        <label>
          <span>{t('settingsNotifierName')}</span>
          <input
            id="notifier-name"
            type="text"
            autocomplete="name"
            maxLength={MAX_NOTIFIER_NAME_LENGTH}
            value={fields?.name ?? ''}
            onInput={(e) => fields && setFields({ ...fields, name: e.currentTarget.value })}
          />
        </label>
        <label>
          <span>{t('settingsNotifierEmail')}</span>
          <input
            id="notifier-email"
            type="email"
            dir="ltr"
            autocomplete="email"
            maxLength={MAX_EMAIL_LENGTH}
            value={fields?.email ?? ''}
            onInput={(e) => fields && setFields({ ...fields, email: e.currentTarget.value })}
          />
        </label>
        <button id="notifier-save" type="submit">
          {t('settingsNotifierSave')}
        </button>
      </fieldset>
      <p id="notifier-status" class="status" data-state={status.state} role="status">
        {status.text}
      </p>
    </form>
  );
}
