// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { sendMessage } from '../lib/messaging/client';
import { AUTO_LOCK_MINUTES_RANGE } from '../lib/messaging/protocol';
import { errorText } from './error-text';

/** Auto-lock idle time; locking now is the header's button. */
export function SettingsView() {
  // Null until the saved value arrives: typing earlier would be overwritten by it and then saved.
  const [minutes, setMinutes] = useState<string | null>(null);
  const [status, setStatus] = useState<{ state: 'idle' | 'done' | 'error'; text: string }>({
    state: 'idle',
    text: '',
  });

  useEffect(() => {
    sendMessage('settings.get', {}).then(
      (s) => setMinutes(String(s.autoLockMinutes)),
      (e: unknown) => setStatus({ state: 'error', text: errorText(e) }),
    );
  }, []);

  async function save(event: Event) {
    event.preventDefault();
    const value = Number(minutes);
    if (
      !Number.isInteger(value) ||
      value < AUTO_LOCK_MINUTES_RANGE.min ||
      value > AUTO_LOCK_MINUTES_RANGE.max
    ) {
      setStatus({
        state: 'error',
        text: t('settingsAutoLockInvalid', [
          String(AUTO_LOCK_MINUTES_RANGE.min),
          String(AUTO_LOCK_MINUTES_RANGE.max),
        ]),
      });
      return;
    }
    try {
      const saved = await sendMessage('settings.update', { autoLockMinutes: value });
      setMinutes(String(saved.autoLockMinutes));
      setStatus({ state: 'done', text: t('settingsSaved') });
    } catch (e) {
      setStatus({ state: 'error', text: errorText(e) });
    }
  }

  return (
    <form onSubmit={(e) => void save(e)}>
      <h2>{t('settingsTitle')}</h2>
      <label>
        <span>{t('settingsAutoLockLabel')}</span>
        <input
          id="auto-lock-minutes"
          type="number"
          min={AUTO_LOCK_MINUTES_RANGE.min}
          max={AUTO_LOCK_MINUTES_RANGE.max}
          value={minutes ?? ''}
          disabled={minutes === null}
          onInput={(e) => setMinutes(e.currentTarget.value)}
        />
      </label>
      <button id="settings-save" type="submit" class="primary" disabled={minutes === null}>
        {t('save')}
      </button>
      <p id="settings-status" class="status" data-state={status.state} role="status">
        {status.text}
      </p>
    </form>
  );
}
