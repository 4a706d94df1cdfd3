// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from 'preact/hooks';
import type { VerifyReport } from '../lib/bundle/report';
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
