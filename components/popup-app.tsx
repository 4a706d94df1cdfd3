// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { sendMessage } from '../lib/messaging/client';
import type { CaptureResult, VaultStatus } from '../lib/messaging/protocol';
import { errorText } from './error-text';
import { PanicButton } from './panic-button';
import { PopupCase } from './popup-case';
import { PopupPrivateWindows } from './private-windows';
import { ThreadCapture } from './thread-progress';

type CaptureState =
  | { state: 'idle' }
  | { state: 'working' }
  | { state: 'picking' }
  | { state: 'done'; result: CaptureResult; post?: boolean }
  | { state: 'cancelled' }
  | { state: 'error'; message: string };

/**
 * How long a capture runs before the popup says it is working. A result within 0.1 s reads as
 * immediate (Nielsen's response-time limits), and saying "working" at once repaints the popup
 * while the screenshot is taken, which on a small machine slows the screenshot itself. (Opened
 * from the toolbar, the popup closes when the page is clicked, so a capture from it nearly always
 * starts in a popup just opened, with no earlier result to clear.)
 */
const WORKING_AFTER_MS = 100;

export interface PopupAppProps {
  openVault: () => void;
}

function CaptureStatus({ capture }: { capture: CaptureState }) {
  const text =
    capture.state === 'working'
      ? t('captureWorking')
      : capture.state === 'picking'
        ? t('capturePostHint')
        : capture.state === 'done'
          ? t(capture.post ? 'capturePostDone' : 'captureDone')
          : capture.state === 'cancelled'
            ? t('captureCancelled')
            : capture.state === 'error'
              ? capture.message
              : '';
  return (
    <p
      id="capture-status"
      class="status"
      role="status"
      data-state={capture.state}
      data-item-id={capture.state === 'done' ? capture.result.itemId : undefined}
    >
      {text}
    </p>
  );
}

/** The toolbar popup: one-click capture, or unlock-and-capture when the vault is locked. */
export function PopupApp({ openVault }: PopupAppProps) {
  const [status, setStatus] = useState<VaultStatus | 'loading'>('loading');
  const [capture, setCapture] = useState<CaptureState>({ state: 'idle' });
  const [passphrase, setPassphrase] = useState('');
  const [unlockError, setUnlockError] = useState('');
  // Set at the click, before anything is drawn: a second click meanwhile is not a second capture.
  const busy = useRef(false);

  useEffect(() => {
    sendMessage('vault.status', {}).then(
      (r) => setStatus(r.status),
      (e: unknown) => setCapture({ state: 'error', message: errorText(e) }),
    );
  }, []);

  async function runCapture() {
    if (busy.current) return;
    busy.current = true;
    // An earlier result goes at once, so it is not taken for this one's and this one is read
    // out in turn; a popup just opened has none, and nothing is drawn.
    if (capture.state !== 'idle') setCapture({ state: 'idle' });
    const working = setTimeout(() => setCapture({ state: 'working' }), WORKING_AFTER_MS);
    try {
      const result = await sendMessage('capture.activeTab', {});
      clearTimeout(working);
      setCapture({ state: 'done', result });
    } catch (error) {
      clearTimeout(working);
      setCapture({ state: 'error', message: errorText(error) });
      const now = await sendMessage('vault.status', {}).catch(() => null);
      if (now) setStatus(now.status);
    } finally {
      busy.current = false;
    }
  }

  // The picker waits in the page; the popup usually closes when the user clicks there, and the
  // toolbar badge then reports the outcome.
  async function capturePost() {
    if (busy.current) return;
    setCapture({ state: 'picking' });
    try {
      const outcome = await sendMessage('capture.post', {});
      setCapture(
        outcome.state === 'done'
          ? { state: 'done', result: outcome.result, post: true }
          : { state: 'cancelled' },
      );
    } catch (error) {
      setCapture({ state: 'error', message: errorText(error) });
    }
  }

  async function unlockAndCapture(event: Event) {
    event.preventDefault();
    setUnlockError('');
    try {
      await sendMessage('vault.unlock', { passphrase });
    } catch (error) {
      setUnlockError(errorText(error));
      return;
    }
    setPassphrase('');
    // A duress passphrase (or the last allowed failure) wipes instead: nothing to capture into.
    const now = await sendMessage('vault.status', {}).catch(() => null);
    setStatus(now?.status ?? 'locked');
    if (now?.status === 'unlocked') await runCapture();
  }

  async function lock() {
    await sendMessage('vault.lock', {});
    setStatus('locked');
  }

  return (
    <main>
      <h1>{t('extName')}</h1>
      {status === 'uninitialized' && <p>{t('popupNeedsSetup')}</p>}
      {status === 'locked' && (
        <form onSubmit={(e) => void unlockAndCapture(e)}>
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
          <button
            id="unlock-submit"
            class="primary"
            type="submit"
            disabled={passphrase === '' || capture.state === 'working'}
          >
            {t('unlockAndCapture')}
          </button>
          <p id="unlock-error" class="error" role="alert">
            {unlockError}
          </p>
        </form>
      )}
      {status === 'unlocked' && <PopupCase />}
      {status === 'unlocked' && (
        <p>
          <button
            id="capture-button"
            class="primary"
            type="button"
            disabled={capture.state === 'working' || capture.state === 'picking'}
            onClick={() => void runCapture()}
          >
            {t('captureThisPage')}
          </button>
          <button
            id="capture-post-button"
            type="button"
            disabled={capture.state === 'working' || capture.state === 'picking'}
            onClick={() => void capturePost()}
          >
            {t('capturePost')}
          </button>
        </p>
      )}
      {status === 'unlocked' && <ThreadCapture disabled={capture.state === 'working'} />}
      <CaptureStatus capture={capture} />
      {status !== 'loading' && <PopupPrivateWindows />}
      <nav class="bar">
        <button type="button" onClick={openVault}>
          {t('openVault')}
        </button>
        {status === 'unlocked' && (
          <button id="lock-button" type="button" onClick={() => void lock()}>
            {t('lockNow')}
          </button>
        )}
        {status !== 'uninitialized' && status !== 'loading' && (
          <PanicButton onWiped={() => setStatus('uninitialized')} />
        )}
      </nav>
    </main>
  );
}
