// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from 'preact/hooks';
import type { CaseHandOverResult } from '../lib/allies/hand-over-case';
import type { VaultAccess } from '../lib/export/vault-access';
import { t } from '../lib/i18n';
import { formatDateTime, formatNumber } from '../lib/i18n/format';
import type { AcceptedInvitationSummary } from '../lib/messaging/protocol';
import { errorText } from './error-text';
import { formatFingerprint } from './setup-view';

type State =
  | { state: 'idle' | 'working' }
  | { state: 'error'; text: string }
  | { state: 'done'; result: CaseHandOverResult };

/**
 * Ally, in a case opened from an invitation: who it is collected for, and the hand-over of the
 * whole case to them (encrypted to their key, signed by this vault), deleting the local copies
 * after the file is saved unless the ally unticks it.
 */
export function AllyHandOver({
  access,
  bound,
  items,
  onHandedOver,
}: {
  access: VaultAccess;
  bound: AcceptedInvitationSummary;
  items: number;
  onHandedOver: () => void;
}) {
  const [remove, setRemove] = useState(true);
  const [status, setStatus] = useState<State>({ state: 'idle' });
  const name = bound.defender.name;

  async function run() {
    setStatus({ state: 'working' });
    try {
      const result = await access.handOverCase(bound.caseId, { keepLocalCopies: !remove });
      setStatus({ state: 'done', result });
      if (result.deleted) onHandedOver();
    } catch (e) {
      setStatus({ state: 'error', text: errorText(e) });
    }
  }

  const done = status.state === 'done' ? status.result : null;
  return (
    <section id="ally-hand-over" aria-labelledby="ally-hand-over-heading">
      <h3 id="ally-hand-over-heading">{t('handOverTitle')}</h3>
      <p>
        {t('handOverFor')} <bdi id="hand-over-defender">{name}</bdi>{' '}
        <span class="mono" dir="ltr">
          {formatFingerprint(bound.defender.fingerprint)}
        </span>
      </p>
      <p class="hint">
        {t('handOverScope')} <bdi>{bound.scope}</bdi> · {t('acceptExpires')}{' '}
        {formatDateTime(bound.expiresAt)}
      </p>
      <label class="choice">
        <input
          id="hand-over-delete"
          type="checkbox"
          checked={remove}
          onChange={(e) => setRemove(e.currentTarget.checked)}
        />{' '}
        {t('handOverDelete')}
      </label>
      <p class="bar">
        <button
          id="hand-over-button"
          class="primary"
          type="button"
          disabled={items === 0 || status.state === 'working'}
          onClick={() => void run()}
        >
          {t('handOverButton', name)}
        </button>
        {items === 0 && !done && <span class="hint">{t('handOverNothing')}</span>}
      </p>
      <div
        id="hand-over-status"
        class={status.state === 'error' ? 'error' : 'status'}
        role={status.state === 'error' ? 'alert' : 'status'}
        data-state={status.state}
        data-filename={done?.filename}
        data-download-id={done ? String(done.downloadId) : undefined}
        data-sha256={done?.sha256}
        data-deleted={done ? String(done.deleted ? done.items : 0) : undefined}
      >
        {status.state === 'working' && t('handOverWorking')}
        {status.state === 'error' && status.text}
        {done && (
          <>
            <p>{t('handOverDone', [done.filename, name])}</p>
            <p>
              {t('exportSha256')} <span class="mono">{done.sha256}</span>
            </p>
            <p id="hand-over-deleted">
              {done.deleted
                ? t('handOverDeleted', formatNumber(done.items))
                : t('handOverKept', formatNumber(done.items))}
            </p>
          </>
        )}
      </div>
    </section>
  );
}
