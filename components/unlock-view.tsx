// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { sendMessage } from '../lib/messaging/client';
import type { PendingCaptureOutcome } from '../lib/messaging/protocol';
import { errorText } from './error-text';

export interface UnlockViewProps {
  /** True when the shortcut asked for a capture that runs right after unlocking. */
  pendingCapture: boolean;
  onUnlocked: (outcome: PendingCaptureOutcome | null) => void;
}

/** Passphrase prompt; a wrong passphrase says so and changes nothing. */
export function UnlockView({ pendingCapture, onUnlocked }: UnlockViewProps) {
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      const { pendingCapture: outcome } = await sendMessage('vault.unlock', { passphrase });
      setPassphrase('');
      onUnlocked(outcome);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)}>
      <h1>{t('unlockTitle')}</h1>
      {pendingCapture && <p class="hint">{t('unlockPendingCapture')}</p>}
      <label>
        <span>{t('passphraseLabel')}</span>
        <input
          id="unlock-passphrase"
          type="password"
          autocomplete="current-password"
          value={passphrase}
          onInput={(e) => setPassphrase(e.currentTarget.value)}
        />
      </label>
      <button id="unlock-submit" class="primary" type="submit" disabled={busy || passphrase === ''}>
        {pendingCapture ? t('unlockAndCapture') : t('unlockSubmit')}
      </button>
      <p id="unlock-error" class="error" role="alert">
        {error}
      </p>
    </form>
  );
}
