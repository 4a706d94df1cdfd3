// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { sendMessage } from '../lib/messaging/client';
import type { PrivateWindowsPayload } from '../lib/messaging/protocol';

// Where the switch is differs by browser; this page's own URL says which one it runs in.
const howToAllow = (): string =>
  t(
    location.protocol === 'moz-extension:'
      ? 'privateWindowsHowFirefox'
      : 'privateWindowsHowChromium',
  );

function usePrivateWindows(): PrivateWindowsPayload | null {
  const [state, setState] = useState<PrivateWindowsPayload | null>(null);
  useEffect(() => {
    sendMessage('capture.privateWindows', {}).then(setState, () => setState(null));
  }, []);
  return state;
}

/**
 * In the popup: over a private window, that its captures outlive the window; where Attest is not
 * allowed in private windows, that those pages cannot be captured and how to allow it.
 */
export function PopupPrivateWindows() {
  const state = usePrivateWindows();
  if (!state) return null;
  return (
    <>
      {state.targetIsPrivate && (
        <p id="private-window-here" class="hint" role="note">
          {t('privateWindowsHere')}
        </p>
      )}
      {!state.allowed && (
        <details id="private-windows-help" class="hint">
          <summary>{t('privateWindowsNotAllowedShort')}</summary>
          <p>
            {t('privateWindowsNotAllowed')} {howToAllow()}
          </p>
        </details>
      )}
    </>
  );
}

/** In the vault page's settings: whether captures in private windows are possible, and what stays. */
export function PrivateWindowsSettings() {
  const state = usePrivateWindows();
  if (!state) return null;
  return (
    <section id="private-windows" data-allowed={String(state.allowed)}>
      <h2>{t('privateWindowsTitle')}</h2>
      <p>
        {state.allowed
          ? t('privateWindowsAllowed')
          : `${t('privateWindowsNotAllowed')} ${howToAllow()}`}
      </p>
    </section>
  );
}
