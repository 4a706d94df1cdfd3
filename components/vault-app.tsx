// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, useState } from 'preact/hooks';
import type { VaultAccess } from '../lib/export/vault-access';
import { t } from '../lib/i18n';
import { sendMessage } from '../lib/messaging/client';
import { PANIC_CONFIRM_HASH } from '../lib/messaging/lock-listeners';
import type {
  PendingCaptureOutcome,
  ReviewImagesChoice,
  VaultStatus,
} from '../lib/messaging/protocol';
import { CaseWorkspace } from './case-workspace';
import { errorText } from './error-text';
import { NotifierSettings } from './notifier-settings';
import { PanicButton } from './panic-button';
import { PrivateWindowsSettings } from './private-windows';
import { RecipientsView } from './recipients-view';
import { SecuritySettings } from './security-settings';
import { SettingsView } from './settings-view';
import { TimestampSettings } from './timestamp-settings';
import { SetupView } from './setup-view';
import { UnlockView } from './unlock-view';

const STATUS_POLL_MS = 15_000;
const ACTIVITY_THROTTLE_MS = 30_000;

// `n` remounts the workspace on each navigation, so it reloads the index and cases.
type View = { name: 'current' | 'cases'; n: number } | { name: 'settings' };

function PendingOutcome({ outcome }: { outcome: PendingCaptureOutcome }) {
  return (
    <div
      id="pending-capture-status"
      class="status"
      role="status"
      data-state={outcome.state === 'done' ? 'done' : 'error'}
      data-item-id={outcome.state === 'done' ? outcome.result.itemId : undefined}
    >
      <p>{outcome.state === 'done' ? t('captureDone') : errorText(outcome.error)}</p>
      <button type="button" onClick={() => window.close()}>
        {t('closeWindow')}
      </button>
    </div>
  );
}

/** The vault page: setup, unlock, captures, detail, export and settings. */
export function VaultApp({ access }: { access: VaultAccess }) {
  const [status, setStatus] = useState<VaultStatus | 'loading'>('loading');
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<PendingCaptureOutcome | null>(null);
  const [view, setView] = useState<View>({ name: 'current', n: 0 });
  const go = (name: 'current' | 'cases') => setView({ name, n: Date.now() });
  const [error, setError] = useState('');
  // Blurred until the saved choice arrives: a slow answer must not flash images.
  const [reviewImages, setReviewImages] = useState<ReviewImagesChoice>('blurred');

  useEffect(() => {
    if (status !== 'unlocked') return;
    sendMessage('settings.get', {}).then(
      (s) => setReviewImages(s.reviewImages),
      () => setReviewImages('blurred'),
    );
  }, [status]);

  const wasUnlocked = useRef(false);
  // A fresh document once the vault is no longer open: decrypted records, object URLs and the key
  // read from storage.session go with the old one instead of waiting in this page's memory.
  const reload = () => location.replace(location.pathname);

  async function refresh() {
    try {
      const next = await sendMessage('vault.status', {});
      if (wasUnlocked.current && next.status !== 'unlocked') return reload();
      wasUnlocked.current = next.status === 'unlocked';
      setPending(next.pendingCapture);
      setStatus(next.status);
    } catch (e) {
      setError(errorText(e));
    }
  }

  useEffect(() => {
    void refresh();
    void access.persistStorage().catch(() => false);
    // Auto-lock happens in the background; notice it here so nothing stays on screen.
    const timer = setInterval(() => void refresh(), STATUS_POLL_MS);
    let last = 0;
    const onActivity = () => {
      if (Date.now() - last < ACTIVITY_THROTTLE_MS) return;
      last = Date.now();
      void sendMessage('vault.activity', {}).catch(() => undefined);
    };
    window.addEventListener('pointerdown', onActivity);
    window.addEventListener('keydown', onActivity);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pointerdown', onActivity);
      window.removeEventListener('keydown', onActivity);
    };
  }, []);

  async function lock() {
    try {
      await sendMessage('vault.lock', {});
    } catch (e) {
      setError(errorText(e));
    }
    go('current');
    await refresh();
  }

  if (location.hash === PANIC_CONFIRM_HASH)
    return (
      <main>
        <PanicButton confirming onWiped={() => window.close()} />
      </main>
    );

  if (error)
    return (
      <main>
        <p class="error" role="alert">
          {error}
        </p>
      </main>
    );
  if (status === 'loading')
    return (
      <main>
        <p class="hint">{t('loading')}</p>
      </main>
    );
  if (status === 'uninitialized')
    return (
      <main>
        <SetupView onDone={() => void refresh()} />
      </main>
    );
  if (status === 'locked') {
    return (
      <main>
        <UnlockView
          pendingCapture={pending}
          onUnlocked={(o) => {
            setOutcome(o);
            void refresh();
          }}
        />
        <PanicButton onWiped={reload} />
      </main>
    );
  }
  return (
    <main>
      <nav class="bar">
        <h1>{t('vaultTitle')}</h1>
        <span class="spacer" />
        <button id="captures-button" type="button" onClick={() => go('current')}>
          {t('navCaptures')}
        </button>
        <button id="cases-button" type="button" onClick={() => go('cases')}>
          {t('navCases')}
        </button>
        <button type="button" id="settings-button" onClick={() => setView({ name: 'settings' })}>
          {t('navSettings')}
        </button>
        <a href="verify.html" target="_blank" rel="noopener">
          {t('navVerify')}
        </a>
        <button type="button" id="lock-button" onClick={() => void lock()}>
          {t('lockNow')}
        </button>
        <PanicButton onWiped={reload} />
      </nav>
      {outcome && <PendingOutcome outcome={outcome} />}
      {view.name !== 'settings' && (
        <CaseWorkspace key={view.n} access={access} reviewImages={reviewImages} start={view.name} />
      )}
      {view.name === 'settings' && (
        <SettingsView onSaved={(s) => setReviewImages(s.reviewImages)} />
      )}
      {view.name === 'settings' && <NotifierSettings />}
      {view.name === 'settings' && <RecipientsView />}
      {view.name === 'settings' && <TimestampSettings />}
      {view.name === 'settings' && <SecuritySettings />}
      {view.name === 'settings' && <PrivateWindowsSettings />}
    </main>
  );
}
