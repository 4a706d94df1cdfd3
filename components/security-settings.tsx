// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { sendMessage } from '../lib/messaging/client';
import { WIPE_AFTER_FAILED_UNLOCKS_RANGE } from '../lib/messaging/protocol';
import { errorText } from './error-text';

type Status = { state: 'idle' | 'done' | 'error'; text: string };
const IDLE: Status = { state: 'idle', text: '' };

/**
 * Duress passphrase, wipe after failed unlocks, panic confirmation. Whether a duress passphrase is
 * set is stored nowhere, so it is not shown either: the form sets, replaces or removes one.
 */
export function SecuritySettings() {
  const [wipeAfter, setWipeAfter] = useState<string | null>(null);
  const [confirmPanic, setConfirmPanic] = useState(true);
  const [prefsStatus, setPrefsStatus] = useState<Status>(IDLE);
  const [passphrase, setPassphrase] = useState('');
  const [duress, setDuress] = useState('');
  const [duressStatus, setDuressStatus] = useState<Status>(IDLE);

  useEffect(() => {
    sendMessage('security.get', {}).then(
      (p) => {
        setWipeAfter(String(p.wipeAfterFailedUnlocks));
        setConfirmPanic(p.confirmPanicWipe);
      },
      (e: unknown) => setPrefsStatus({ state: 'error', text: errorText(e) }),
    );
  }, []);

  async function savePrefs(event: Event) {
    event.preventDefault();
    const n = Number(wipeAfter);
    try {
      const saved = await sendMessage('security.update', {
        wipeAfterFailedUnlocks: n,
        confirmPanicWipe: confirmPanic,
      });
      setWipeAfter(String(saved.wipeAfterFailedUnlocks));
      setConfirmPanic(saved.confirmPanicWipe);
      setPrefsStatus({ state: 'done', text: t('settingsSaved') });
    } catch (e) {
      setPrefsStatus({ state: 'error', text: errorText(e) });
    }
  }

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
      <form onSubmit={(e) => void savePrefs(e)}>
        <h2>{t('securityTitle')}</h2>
        <label>
          <span>{t('wipeAfterLabel')}</span>
          <input
            id="wipe-after-failed"
            type="number"
            min={WIPE_AFTER_FAILED_UNLOCKS_RANGE.min}
            max={WIPE_AFTER_FAILED_UNLOCKS_RANGE.max}
            value={wipeAfter ?? ''}
            disabled={wipeAfter === null}
            onInput={(e) => setWipeAfter(e.currentTarget.value)}
          />
        </label>
        <label class="choice">
          <input
            id="confirm-panic"
            type="checkbox"
            checked={confirmPanic}
            onChange={(e) => setConfirmPanic(e.currentTarget.checked)}
          />{' '}
          {t('confirmPanicLabel')}
        </label>
        <button id="security-save" type="submit" disabled={wipeAfter === null}>
          {t('save')}
        </button>
        <p id="security-status" class="status" data-state={prefsStatus.state} role="status">
          {prefsStatus.text}
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
