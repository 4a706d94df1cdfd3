// SPDX-License-Identifier: AGPL-3.0-or-later
import { useMemo, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { sendMessage } from '../lib/messaging/client';
import { MAX_COLLECTOR_NAME_LENGTH } from '../lib/messaging/protocol';
import { errorText } from './error-text';
import { assessPassphrase } from './passphrase-policy';

const SCORE_KEYS = ['strength0', 'strength1', 'strength2', 'strength3', 'strength4'];

/** Groups a fingerprint in blocks of four, as gpg prints it, for reading aloud. */
export function formatFingerprint(fingerprint: string): string {
  return fingerprint.toUpperCase().replace(/(.{4})(?=.)/g, '$1 ');
}

/** First run: name or pseudonym, passphrase with strength meter, then the key fingerprint. */
export function SetupView({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  const assessment = useMemo(
    () => assessPassphrase(passphrase, name ? [name] : []),
    [passphrase, name],
  );

  async function submit(event: Event) {
    event.preventDefault();
    setError('');
    if (name.trim() === '') return setError(t('setupNameRequired'));
    if (!assessment.acceptable)
      return setError(t(assessment.reason === 'too-short' ? 'setupTooShort' : 'setupTooWeak'));
    if (passphrase !== confirm) return setError(t('setupMismatch'));
    setBusy(true);
    try {
      const result = await sendMessage('vault.create', { passphrase, collectorName: name.trim() });
      setPassphrase('');
      setConfirm('');
      setFingerprint(result.fingerprint);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  if (fingerprint !== null) {
    return (
      <section>
        <h1>{t('setupDoneTitle')}</h1>
        <p>{t('setupFingerprintIntro')}</p>
        <p id="fingerprint" class="fingerprint">
          <bdi dir="ltr">{formatFingerprint(fingerprint)}</bdi>
        </p>
        <button type="button" class="primary" onClick={onDone}>
          {t('continue')}
        </button>
      </section>
    );
  }
  return (
    <form onSubmit={(e) => void submit(e)}>
      <h1>{t('setupTitle')}</h1>
      <p class="hint">{t('setupIntro')}</p>
      <label>
        <span>{t('setupNameLabel')}</span>
        <input
          id="setup-name"
          type="text"
          maxLength={MAX_COLLECTOR_NAME_LENGTH}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <label>
        <span>{t('passphraseLabel')}</span>
        <input
          id="setup-passphrase"
          type="password"
          autocomplete="new-password"
          value={passphrase}
          onInput={(e) => setPassphrase(e.currentTarget.value)}
        />
      </label>
      <meter
        id="setup-strength"
        aria-label={t('strengthLabel')}
        aria-describedby="setup-strength-text"
        min={0}
        max={4}
        low={2}
        high={3}
        optimum={4}
        value={assessment.score}
      />
      <p id="setup-strength-text" class="hint" aria-live="polite">
        {t(SCORE_KEYS[assessment.score] ?? 'strength0')} — {t('setupRule')}
      </p>
      <label>
        <span>{t('passphraseConfirmLabel')}</span>
        <input
          id="setup-passphrase-confirm"
          type="password"
          autocomplete="new-password"
          value={confirm}
          onInput={(e) => setConfirm(e.currentTarget.value)}
        />
      </label>
      <button id="setup-submit" class="primary" type="submit" disabled={busy}>
        {busy ? t('setupWorking') : t('setupSubmit')}
      </button>
      <p id="setup-error" class="error" role="alert">
        {error}
      </p>
    </form>
  );
}
