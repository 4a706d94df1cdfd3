// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { sendMessage } from '../lib/messaging/client';
import type { ThreadProgressPayload } from '../lib/messaging/protocol';
import { errorText } from './error-text';

const POLL_MS = 400;

function label(p: ThreadProgressPayload): string {
  const done = String(p.done);
  const total = String(p.total);
  if (p.state === 'done') return t('threadDone', done);
  if (p.state === 'cancelled') return t('threadCancelled', [done, total]);
  if (p.state === 'error') return errorText(new Error(p.error ?? ''));
  return t('threadProgress', [done, total]);
}

/**
 * "Capture all posts on this page" and its progress. The capture runs in the background and
 * keeps its progress in storage.session, so a reopened popup picks it up where it stands.
 */
export function ThreadCapture({ disabled }: { disabled: boolean }) {
  const [progress, setProgress] = useState<ThreadProgressPayload | null>(null);
  const [error, setError] = useState('');
  const running = progress?.state === 'running' || progress?.state === 'cancelling';

  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      const next = await sendMessage('capture.progress', {}).catch(() => null);
      if (stopped) return;
      if (next) setProgress(next.progress);
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    let timer = setTimeout(() => void poll(), 0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);

  async function start() {
    setError('');
    try {
      await sendMessage('capture.thread', {});
      const next = await sendMessage('capture.progress', {});
      setProgress(next.progress);
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <div>
      <p>
        <button
          id="capture-thread-button"
          type="button"
          disabled={disabled || running}
          onClick={() => void start()}
        >
          {t('captureAllPosts')}
        </button>
      </p>
      {progress && (
        <p
          id="thread-progress"
          class="status"
          role="status"
          data-state={progress.state}
          data-done={progress.done}
          data-total={progress.total}
          data-group-id={progress.groupId}
        >
          <progress max={progress.total} value={progress.done} /> {label(progress)}
          {running && (
            <button
              id="thread-cancel"
              type="button"
              disabled={progress.state === 'cancelling'}
              onClick={() => void sendMessage('capture.cancel', {})}
            >
              {t('threadCancel')}
            </button>
          )}
        </p>
      )}
      {error && (
        <p id="thread-error" class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
