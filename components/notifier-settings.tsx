// SPDX-License-Identifier: AGPL-3.0-or-later
import { t } from '../lib/i18n';
import { sendMessage } from '../lib/messaging/client';
import { isEmailAddress, MAX_EMAIL_LENGTH, MAX_NOTIFIER_NAME_LENGTH } from '../lib/model/notifier';
import { useSavedForm } from './saved-form';

type Notifier = { name: string; email: string };

const fromSettings = (s: { notifierName: string; notifierEmail: string }): Notifier => ({
  name: s.notifierName,
  email: s.notifierEmail,
});

/** The notifier's name and email that platform notices (DSA Art. 16(2)(c)) give. */
export function NotifierSettings() {
  const { fields, patch, status, submit } = useSavedForm<Notifier>({
    load: () => sendMessage('settings.get', {}).then(fromSettings),
    check: ({ email }) =>
      email.trim() !== '' && !isEmailAddress(email.trim()) ? t('settingsEmailInvalid') : undefined,
    save: ({ name, email }) =>
      sendMessage('settings.update', {
        notifierName: name.trim(),
        notifierEmail: email.trim(),
      }).then(fromSettings),
  });

  return (
    <form id="notifier-settings" noValidate onSubmit={(e) => void submit(e)}>
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
            onInput={(e) => patch({ name: e.currentTarget.value })}
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
            onInput={(e) => patch({ email: e.currentTarget.value })}
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
