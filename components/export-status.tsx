// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef } from 'preact/hooks';
import type { ExportProgress } from '../lib/bundle/progress';
import type { ExportResult } from '../lib/export/export-bundle';
import { t } from '../lib/i18n';
import { formatNumber } from '../lib/i18n/format';

export type ExportState =
  | { state: 'idle' }
  | { state: 'working'; progress?: ExportProgress; cancelling?: boolean }
  | { state: 'cancelled' }
  | { state: 'done'; result: ExportResult }
  | { state: 'error'; message: string };

function stageText(p: ExportProgress): string {
  const of = [formatNumber(p.done), formatNumber(p.total)];
  switch (p.stage) {
    case 'items':
      return t('exportStageItems', of);
    case 'report':
      return t('exportStageReport', of);
    case 'signing':
      return t('exportStageSigning', of);
    case 'zip':
      return t('exportStageZip', formatNumber(p.done));
    case 'saving':
      return t('exportStageSaving');
  }
}

/**
 * Where an export stands, with Cancel while it can still stop. The stage is announced politely
 * (role=status); the count is a progressbar's value, read on demand rather than announced.
 */
function ExportProgressView({ exp }: { exp: Extract<ExportState, { state: 'working' }> }) {
  const p = exp.progress;
  return (
    <>
      <p id="export-stage" data-stage={p?.stage ?? ''}>
        {exp.cancelling ? t('exportCancelling') : p ? stageText(p) : t('exportWorking')}
      </p>
      {p && p.stage !== 'saving' && (
        <div
          id="export-progress"
          role="progressbar"
          aria-label={t('exportProgressLabel')}
          aria-valuemin={0}
          aria-valuemax={p.total}
          aria-valuenow={p.done}
          aria-valuetext={stageText(p)}
          data-stage={p.stage}
        >
          <progress max={p.total} value={p.done} aria-hidden="true" />
        </div>
      )}
    </>
  );
}

/**
 * The export's status, and Cancel (outside the live region) while it runs. Cancel goes away when
 * the export ends; if it was pressed or had the focus, the focus moves to the status, which is
 * then read out, rather than falling back to the top of the page.
 */
export function ExportStatus({ exp, onCancel }: { exp: ExportState; onCancel?: () => void }) {
  const done = exp.state === 'done' ? exp.result : null;
  // Past 'saving' the export is logged and the file is always written: nothing left to cancel.
  const final = exp.state === 'working' && exp.progress?.stage === 'saving';
  const status = useRef<HTMLDivElement>(null);
  const cancelHeld = useRef(false);
  useEffect(() => {
    if (exp.state === 'working' || !cancelHeld.current) return;
    cancelHeld.current = false;
    status.current?.focus();
  }, [exp.state]);
  return (
    <>
      <div
        ref={status}
        tabIndex={-1}
        id="export-status"
        class="status"
        role="status"
        data-state={exp.state}
        data-filename={done?.filename}
        data-download-id={done ? String(done.downloadId) : undefined}
        data-recipients={done?.recipients?.join(' ')}
      >
        {exp.state === 'working' && <ExportProgressView exp={exp} />}
        {exp.state === 'cancelled' && t('exportCancelled')}
        {exp.state === 'error' && exp.message}
        {done && (
          <>
            <p>{t('exportDone', done.filename)}</p>
            <p>
              {t('exportSha256')} <span class="mono">{done.sha256}</span>
            </p>
            {done.recipients && (
              <p id="export-encrypted">
                {t('exportEncryptedFor', String(done.recipients.length))} {t('exportZipSha256')}{' '}
                <span class="mono">{done.zipSha256}</span>
              </p>
            )}
          </>
        )}
      </div>
      {exp.state === 'working' && onCancel && (
        <p class="bar">
          <button
            id="export-cancel"
            type="button"
            disabled={final || exp.cancelling}
            onClick={() => {
              cancelHeld.current = true;
              onCancel();
            }}
            onFocus={() => {
              cancelHeld.current = true;
            }}
            onBlur={(e) => {
              // A blur from being removed leaves it held; moving elsewhere lets it go.
              if (e.currentTarget.isConnected) cancelHeld.current = false;
            }}
          >
            {t('exportCancel')}
          </button>
        </p>
      )}
    </>
  );
}
