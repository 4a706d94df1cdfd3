// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { sendMessage } from '../lib/messaging/client';
import type { CaseSummary } from '../lib/messaging/protocol';
import { caseTitle } from './case-labels';
import { errorText } from './error-text';

/** Which case the next captures go to, switchable before capturing. */
export function PopupCase() {
  const [cases, setCases] = useState<CaseSummary[]>([]);
  const [currentId, setCurrentId] = useState('');
  const [error, setError] = useState('');

  useEffect(() => {
    sendMessage('cases.list', {}).then(
      (r) => {
        setCases(r.cases);
        setCurrentId(r.currentId);
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, []);

  async function choose(caseId: string) {
    setError('');
    try {
      setCurrentId((await sendMessage('cases.select', { caseId })).currentId);
    } catch (e) {
      setError(errorText(e));
    }
  }

  if (cases.length === 0 && !error) return null;
  return (
    <div class="popup-case">
      <label>
        <span>{t('popupCase')}</span>
        <select
          id="popup-case"
          value={currentId}
          data-current={currentId}
          onChange={(e) => void choose(e.currentTarget.value)}
        >
          {cases.map((c) => (
            <option key={c.id} value={c.id}>
              {caseTitle(c)} · TLP:{c.tlp}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
