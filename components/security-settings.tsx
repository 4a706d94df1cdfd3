// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { sendMessage } from '../lib/messaging/client';
import { WIPE_AFTER_FAILED_UNLOCKS_RANGE } from '../lib/messaging/protocol';
import { errorText } from './error-text';
import { IDLE, useSavedForm, type Status } from './saved-form';

const fromPrefs = (p: { wipeAfterFailedUnlocks: number; confirmPanicWipe: boolean }) => ({
  wipeAfter: String(p.wipeAfterFailedUnlocks),
  confirmPanic: p.confirmPanicWipe,
});

/**
 * Duress passphrase, wipe after failed unlocks, panic confirmation. Whether a duress passphrase is
 * set is stored nowhere, so it is not shown either: the form sets, replaces or removes one.
 */
export function SecuritySettings() {
  const prefs = useSavedForm<{ wipeAfter: string; confirmPanic: boolean }>({
    load: () => sendMessage('security.get', {}).then(fromPrefs),
    save: ({ wipeAfter, confirmPanic }) =>
      sendMessage('security.update', {
        wipeAfterFailedUnlocks: Number(wipeAfter),
        confirmPanicWipe: confirmPanic,
      }).then(fromPrefs),
  });
  const [passphrase, setPassphrase] = useState('');
  const [duress, setDuress] = useState('');
  const [duressStatus, setDuressStatus] = useState<Status>(IDLE);

  async function changeDuress(set: boolean) {
    setDuressStatus(IDLE);
    try {
      if (set) await sendMessage('security.setDuress', { passphrase, duressPassphrase: duress });
      else await sendMessage('security.clearDuress', { passphrase });
      setPassphrase('');
      setDuress('');
      setDuressStatus({ state: 'done', text: t(set ? 'duressSaved' : 'duressCleared') });
    } catch (e) {
      setDuressStatus({ state: 'error', text: errorText(e) });
    }
  }

  return (
    <section>
      <form onSubmit={(e) => void prefs.submit(e)}>
        <h2>{t('securityTitle')}</h2>
        <label>
          <span>{t('wipeAfterLabel')}</span>
          <input
            id="wipe-after-failed"
            type="number"
            min={WIPE_AFTER_FAILED_UNLOCKS_RANGE.min}
            max={WIPE_AFTER_FAILED_UNLOCKS_RANGE.max}
            value={prefs.fields?.wipeAfter ?? ''}
            disabled={prefs.fields === null}
            onInput={(e) => prefs.patch({ wipeAfter: e.currentTarget.value })}
          />
        </label>
        <label class="choice">
          <input
            id="confirm-panic"
            type="checkbox"
            checked={prefs.fields?.confirmPanic ?? true}
            onChange={(e) => prefs.patch({ confirmPanic: e.currentTarget.checked })}
          />{' '}
          {t('confirmPanicLabel')}
        </label>
        <button id="security-save" type="submit" disabled={prefs.fields === null}>
          {t('save')}
        </button>
        <p id="security-status" class="status" data-state={prefs.status.state} role="status">
          {prefs.status.text}
        </p>
      </form>
      <form onSubmit={(e) => (e.preventDefault(), void changeDuress(true))}>
        <h3>{t('duressLegend')}</h3>
        <p class="hint">{t('duressHint')}</p>
        <label>
          <span>{t('duressCurrentLabel')}</span>
          <input
            id="duress-current"
            type="password"
            autocomplete="current-password"
            value={passphrase}
            onInput={(e) => setPassphrase(e.currentTarget.value)}
          />
        </label>
        <label>
          <span>{t('duressNewLabel')}</span>
          <input
            id="duress-new"
            type="password"
            autocomplete="off"
            value={duress}
            onInput={(e) => setDuress(e.currentTarget.value)}
          />
        </label>
        <button id="duress-set" type="submit" disabled={passphrase === '' || duress === ''}>
          {t('duressSet')}
        </button>{' '}
        <button
          id="duress-clear"
          type="button"
          disabled={passphrase === ''}
          onClick={() => void changeDuress(false)}
        >
          {t('duressClear')}
        </button>
        <p id="duress-status" class="status" data-state={duressStatus.state} role="status">
          {duressStatus.text}
        </p>
      </form>
    </section>
  );
}
