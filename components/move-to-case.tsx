// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from 'preact/hooks';
import type { VaultAccess } from '../lib/export/vault-access';
import { t } from '../lib/i18n';
import { formatNumber } from '../lib/i18n/format';
import type { CaseRecord } from '../lib/model/case';
import { caseTitle } from './case-labels';
import { errorText } from './error-text';

type MoveState =
  | { state: 'idle' }
  | { state: 'working' }
  | { state: 'done'; count: number; to: string }
  | { state: 'error'; message: string };

/** Moves the selected captures to another case (one transaction, logged as 'case-moved'). */
export function MoveToCase({
  access,
  from,
  cases,
  itemIds,
  onMoved,
}: {
  access: VaultAccess;
  from: string;
  cases: readonly CaseRecord[];
  itemIds: string[];
  onMoved: (itemIds: string[], to: string) => void;
}) {
  const others = cases.filter((c) => c.id !== from);
  const [to, setTo] = useState(others[0]?.id ?? '');
  const [status, setStatus] = useState<MoveState>({ state: 'idle' });
  if (others.length === 0) return null;
  const target = others.find((c) => c.id === to) ?? others[0]!;

  async function move() {
    setStatus({ state: 'working' });
    try {
      const moves = await access.moveItems(itemIds, target.id);
      onMoved(
        moves.map((m) => m.itemId),
        target.id,
      );
      setStatus({ state: 'done', count: moves.length, to: caseTitle(target) });
    } catch (e) {
      setStatus({ state: 'error', message: errorText(e) });
    }
  }

  return (
    <div class="bar" id="move-to-case">
      <label for="move-target">{t('moveToCase')}</label>{' '}
      <select id="move-target" value={target.id} onChange={(e) => setTo(e.currentTarget.value)}>
        {others.map((c) => (
          <option key={c.id} value={c.id}>
            {caseTitle(c)}
          </option>
        ))}
      </select>{' '}
      <button
        id="move-button"
        type="button"
        disabled={itemIds.length === 0 || status.state === 'working'}
        onClick={() => void move()}
      >
        {t('moveSelected', formatNumber(itemIds.length))}
      </button>
      <p
        id="move-status"
        role="status"
        data-state={status.state}
        class={status.state === 'error' ? 'error' : 'hint'}
      >
        {status.state === 'working' && t('moveWorking')}
        {status.state === 'done' && t('moveDone', [formatNumber(status.count), status.to])}
        {status.state === 'error' && status.message}
      </p>
    </div>
  );
}
