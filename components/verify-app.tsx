// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from 'preact/hooks';
import type { TimestampReport, VerifyReport } from '../lib/bundle/report';
import { t } from '../lib/i18n';
import { formatNumber } from '../lib/i18n/format';
import { errorText } from './error-text';

export interface VerifyAppProps {
  /** Runs the bundle verifier on the chosen file (read by slices, never whole). */
  verify: (file: File) => Promise<VerifyReport>;
}

type State =
  | { state: 'idle' }
  | { state: 'working'; name: string }
  | { state: 'done'; name: string; report: VerifyReport }
  | { state: 'error'; message: string };

const STATUS_KEYS: Record<VerifyReport['status'], string> = {
  intact: 'verifyIntact',
  tampered: 'verifyTampered',
  unreadable: 'verifyUnreadable',
};

// genTime as the token states it, always UTC: a court compares it with other UTC records.
function utc(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date
        .toISOString()
        .replace('T', ' ')
        .replace(/\.000Z$|Z$/, ' UTC');
}

/** Per item: who stamped it, when (UTC), and whether the token holds. */
function Timestamps({ items }: { items: TimestampReport[] }) {
  return (
    <>
      <h2>{t('verifyTimestampsTitle')}</h2>
      <p class="hint">{t('verifyTimestampsIntro')}</p>
      <table class="files" id="verify-timestamps">
        <thead>
          <tr>
            <th>{t('verifyColumnResult')}</th>
            <th>{t('verifyColumnItem')}</th>
            <th>{t('verifyColumnAuthority')}</th>
            <th>{t('verifyColumnTime')}</th>
            <th>{t('verifyColumnRoot')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((ts) => (
            <tr key={ts.itemId} data-item-id={ts.itemId} data-ok={String(ts.ok)}>
              <td>
                {ts.ok ? '✓' : '✗'} {t(ts.ok ? 'verifyTimestampValid' : 'verifyTimestampInvalid')}
                {!ts.ok && ts.errors.length > 0 && (
                  <>
                    <br />
                    {ts.errors.join('; ')}
                  </>
                )}
              </td>
              <td>
                <bdi class="mono" dir="ltr">
                  {ts.itemId}
                </bdi>
              </td>
              <td>
                <bdi dir="ltr">{ts.tsaName ?? ''}</bdi>
              </td>
              <td>
                <bdi class="mono" dir="ltr" data-gen-time={ts.genTime}>
                  {utc(ts.genTime)}
                </bdi>
              </td>
              <td>
                <bdi dir="ltr">{ts.root?.subject ?? ''}</bdi>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Per collector, the items it vouches for: shown when the bundle holds another collector's items. */
function Collectors({ collectors }: { collectors: NonNullable<VerifyReport['collectors']> }) {
  return (
    <>
      <h2>{t('verifyCollectorsTitle')}</h2>
      <p class="hint">{t('verifyCollectorsIntro')}</p>
      <table class="files" id="verify-collectors">
        <thead>
          <tr>
            <th>{t('verifyColumnCollector')}</th>
            <th>{t('verifyColumnItems')}</th>
          </tr>
        </thead>
        <tbody>
          {collectors.map((c) => (
            <tr key={c.fingerprint} data-fingerprint={c.fingerprint} data-signer={String(c.signer)}>
              <td>
                <bdi>{c.name}</bdi>{' '}
                <bdi class="mono" dir="ltr">
                  {c.fingerprint}
                </bdi>
                <br />
                {t(c.signer ? 'verifyCollectorSigner' : 'verifyCollectorOther')}
              </td>
              <td>
                {formatNumber(c.items.length)}:{' '}
                <bdi class="mono" dir="ltr">
                  {c.items.join(' ')}
                </bdi>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Report({ report }: { report: VerifyReport }) {
  return (
    <>
      {report.collector && (
        <p>
          {t('verifyCollector')} <bdi>{report.collector.name}</bdi>{' '}
          <span class="mono" dir="ltr">
            {report.fingerprint ?? report.collector.fingerprint}
          </span>
        </p>
      )}
      <h2>{t('verifyChecksTitle')}</h2>
      <ul class="checks" id="verify-checks">
        {report.checks.map((c) => (
          <li key={c.id} data-check-id={c.id} data-ok={String(c.ok)}>
            {c.ok ? '✓' : '✗'} {c.message}
          </li>
        ))}
      </ul>
      {report.collectors?.some((c) => !c.signer) && <Collectors collectors={report.collectors} />}
      <h2>{t('verifyFilesTitle')}</h2>
      <table class="files">
        <thead>
          <tr>
            <th>{t('verifyColumnResult')}</th>
            <th>{t('fieldPath')}</th>
            <th>{t('fieldSha256')}</th>
            <th>{t('verifyColumnProblem')}</th>
          </tr>
        </thead>
        <tbody>
          {report.files.map((f) => (
            <tr key={f.path} data-ok={String(f.ok)}>
              <td>{f.ok ? '✓' : '✗'}</td>
              <td>
                <bdi class="mono" dir="ltr">
                  {f.path}
                </bdi>
              </td>
              <td>
                <bdi class="mono" dir="ltr">
                  {f.actual ?? f.expected ?? ''}
                </bdi>
              </td>
              <td>{f.problem ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.timestamps ? (
        <Timestamps items={report.timestamps} />
      ) : (
        <p id="verify-no-timestamps" class="hint">
          {t('verifyNoTimestamps')}
        </p>
      )}
      <h2>{t('verifyCustodyTitle')}</h2>
      <p>
        {report.custody.ok
          ? t('verifyCustodyOk', formatNumber(report.custody.events))
          : report.custody.errors.join('; ')}
      </p>
      {report.errors.length > 0 && (
        <>
          <h2>{t('verifyErrorsTitle')}</h2>
          <ul class="checks">
            {report.errors.map((e, i) => (
              <li key={i} data-ok="false">
                {e}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** Verify page: pick a bundle, check it here, offline, and show every check. */
export function VerifyApp({ verify }: VerifyAppProps) {
  const [state, setState] = useState<State>({ state: 'idle' });

  async function onFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    setState({ state: 'working', name: file.name });
    try {
      setState({ state: 'done', name: file.name, report: await verify(file) });
    } catch (e) {
      setState({ state: 'error', message: errorText(e) });
    }
  }

  const status =
    state.state === 'done'
      ? state.report.status
      : state.state === 'error'
        ? 'unreadable'
        : undefined;
  return (
    <main>
      <h1>{t('verifyTitle')}</h1>
      <p class="hint">{t('verifyIntro')}</p>
      <label>
        <span>{t('verifyChoose')}</span>
        <input
          id="verify-file"
          type="file"
          accept=".zip,application/zip"
          onChange={(e) => void onFile(e.currentTarget)}
        />
      </label>
      <div
        id="verify-status"
        class="status"
        role="status"
        data-status={status}
        data-state={
          state.state === 'done'
            ? state.report.status === 'intact'
              ? 'done'
              : 'error'
            : state.state
        }
      >
        {state.state === 'working' && t('verifyWorking', state.name)}
        {state.state === 'error' && state.message}
        {state.state === 'done' && (
          <strong>{t(STATUS_KEYS[state.report.status], state.name)}</strong>
        )}
      </div>
      {state.state === 'done' && <Report report={state.report} />}
    </main>
  );
}
