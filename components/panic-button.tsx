// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { sendMessage } from '../lib/messaging/client';
import { errorText } from './error-text';

export interface PanicButtonProps {
  /** Called once the wipe is done (the page then shows setup, as on a fresh install). */
  onWiped: () => void;
  /** Start on the confirmation (the panic shortcut opens the vault page this way). */
  confirming?: boolean;
}

/** Wipes the vault: one confirmation unless the user turned it off in settings. */
export function PanicButton({ onWiped, confirming = false }: PanicButtonProps) {
  const [asking, setAsking] = useState(confirming);
  const [error, setError] = useState('');

  async function wipe() {
    try {
      await sendMessage('vault.wipe', {});
      onWiped();
    } catch (e) {
      setError(errorText(e));
    }
  }

  async function press() {
    // Read at each press: the setting may have changed in another page.
    const { confirmPanicWipe } = await sendMessage('security.get', {}).catch(() => ({
      confirmPanicWipe: true,
    }));
    if (confirmPanicWipe) setAsking(true);
    else await wipe();
  }

  return (
    <span class="panic">
      {asking ? (
        <span role="alertdialog" aria-labelledby="panic-question">
          <span id="panic-question">{t('panicWipeConfirm')}</span>{' '}
          <button id="panic-confirm" class="danger" type="button" onClick={() => void wipe()}>
            {t('panicWipeConfirmYes')}
          </button>{' '}
          <button id="panic-cancel" type="button" onClick={() => setAsking(false)}>
            {t('panicWipeCancel')}
          </button>
        </span>
      ) : (
        <button id="panic-button" class="danger" type="button" onClick={() => void press()}>
          {t('panicWipe')}
        </button>
      )}
      {error && (
        <span class="error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
