// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { formatDateTime, formatNumber } from '../lib/i18n/format';
import { sendMessage } from '../lib/messaging/client';
import {
  MAX_TIMESTAMP_ROOTS_LENGTH,
  MAX_TIMESTAMP_URL_LENGTH,
  type TimestampSettingsPayload,
  type TimestampSettingsView,
  type TimestampStatusPayload,
} from '../lib/messaging/protocol';
import { errorText } from './error-text';
import { IDLE, useSavedForm, type Status } from './saved-form';

const QUEUE_POLL_MS = 5_000;

// Checked here for a message at once; the background checks again (and parses the PEM).
function isHttpUrl(text: string): boolean {
  const url = text.trim();
  if (!URL.canParse(url)) return false;
  const { protocol } = new URL(url);
  return protocol === 'http:' || protocol === 'https:';
}

/** Waiting digests, the last failure and "send now". */
function TimestampQueue({ refresh }: { refresh: number }) {
  const [queue, setQueue] = useState<TimestampStatusPayload | null>(null);
  const [status, setStatus] = useState<Status>(IDLE);

  useEffect(() => {
    const load = () =>
      sendMessage('timestamps.status', {}).then(setQueue, (e: unknown) =>
        setStatus({ state: 'error', text: errorText(e) }),
      );
    void load();
    // The background stamps on its own (after a capture, on its alarm): keep the count current.
    const timer = setInterval(() => void load(), QUEUE_POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  async function sendNow() {
    setStatus({ state: 'working', text: t('timestampsSending') });
    try {
      const result = await sendMessage('timestamps.flush', {});
      setQueue(result);
      setStatus({
        state: result.failed > 0 ? 'error' : 'done',
        text: t('timestampsSent', [formatNumber(result.stamped), formatNumber(result.failed)]),
      });
    } catch (e) {
      setStatus({ state: 'error', text: errorText(e) });
    }
  }

  return (
    <div id="timestamps-queue" data-pending={queue ? String(queue.pending) : undefined}>
      <h3>{t('timestampsQueueTitle')}</h3>
      <p id="timestamps-pending">{t('timestampsPending', formatNumber(queue?.pending ?? 0))}</p>
      {queue?.lastError && (
        <p id="timestamps-last-error" class="status" data-state="error">
          {t('timestampsLastError', queue.lastError)}
        </p>
      )}
      {queue?.nextAttemptAt && (
        <p class="hint">{t('timestampsNextTry', formatDateTime(queue.nextAttemptAt))}</p>
      )}
      {queue && !queue.enabled && queue.pending > 0 && (
        <p class="hint">{t('timestampsOffPending')}</p>
      )}
      <button
        id="timestamps-send-now"
        type="button"
        disabled={!queue?.enabled || queue.pending === 0 || status.state === 'working'}
        onClick={() => void sendNow()}
      >
        {t('timestampsSendNow')}
      </button>
      <p id="timestamps-queue-status" class="status" data-state={status.state} role="status">
        {status.text}
      </p>
    </div>
  );
}

/**
 * RFC 3161 timestamps: off and empty by default. Says plainly what is sent (a digest) and to
 * whom (only the authority named here), and that nothing is sent while off.
 */
export function TimestampSettings() {
  const [subjects, setSubjects] = useState<string[]>([]);
  const keepSubjects = (v: TimestampSettingsView) => (setSubjects(v.rootSubjects), v.settings);
  const form = useSavedForm<TimestampSettingsPayload>({
    load: () => sendMessage('timestamps.get', {}).then(keepSubjects),
    check: ({ url }) =>
      url.trim() !== '' && !isHttpUrl(url) ? t('timestampsUrlInvalid') : undefined,
    save: (fields) => sendMessage('timestamps.update', fields).then(keepSubjects),
  });
  const { fields, patch: set, status, setStatus, submit, saves } = form;

  async function readRootsFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file || !fields) return;
    if (file.size > MAX_TIMESTAMP_ROOTS_LENGTH) {
      setStatus({ state: 'error', text: t('timestampsRootsInvalid') });
      return;
    }
    set({ rootsPem: await file.text() });
  }

  return (
    <section id="timestamp-settings">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <fieldset disabled={fields === null}>
          <legend>{t('timestampsLegend')}</legend>
          <p class="hint" id="timestamps-explain">
            {t('timestampsHint')}
          </p>
          <label class="choice">
            <input
              id="timestamps-enabled"
              type="checkbox"
              checked={fields?.enabled ?? false}
              onChange={(e) => set({ enabled: e.currentTarget.checked })}
            />{' '}
            {t('timestampsEnabled')}
          </label>
          <label>
            <span>{t('timestampsUrl')}</span>
            <input
              id="timestamps-url"
              type="url"
              dir="ltr"
              inputMode="url"
              placeholder="https://"
              maxLength={MAX_TIMESTAMP_URL_LENGTH}
              value={fields?.url ?? ''}
              onInput={(e) => set({ url: e.currentTarget.value })}
            />
          </label>
          <label>
            <span>{t('timestampsRoots')}</span>
            <textarea
              id="timestamps-roots"
              dir="ltr"
              rows={6}
              spellcheck={false}
              placeholder="-----BEGIN CERTIFICATE-----"
              maxLength={MAX_TIMESTAMP_ROOTS_LENGTH}
              value={fields?.rootsPem ?? ''}
              onInput={(e) => set({ rootsPem: e.currentTarget.value })}
            />
          </label>
          <p class="hint">{t('timestampsRootsHint')}</p>
          <label>
            <span>{t('timestampsRootsFile')}</span>
            <input
              id="timestamps-roots-file"
              type="file"
              accept=".pem,.crt,.cer,application/x-pem-file"
              onChange={(e) => void readRootsFile(e.currentTarget)}
            />
          </label>
          {subjects.length > 0 && (
            <p id="timestamps-root-subjects" class="hint">
              {t('timestampsRootsSaved')}{' '}
              {subjects.map((s, i) => (
                <bdi key={i} class="mono" dir="ltr">
                  {i > 0 ? '; ' : ''}
                  {s}
                </bdi>
              ))}
            </p>
          )}
          <button id="timestamps-save" type="submit">
            {t('timestampsSave')}
          </button>
        </fieldset>
        <p id="timestamps-status" class="status" data-state={status.state} role="status">
          {status.text}
        </p>
      </form>
      <TimestampQueue refresh={saves} />
    </section>
  );
}
