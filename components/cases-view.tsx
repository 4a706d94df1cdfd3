// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from 'preact/hooks';
import type { IndexEntry } from '../lib/cases/item-index';
import type { VaultAccess } from '../lib/export/vault-access';
import { t } from '../lib/i18n';
import { formatNumber } from '../lib/i18n/format';
import type { CaseRecord } from '../lib/model/case';
import { AllyAccept } from './ally-accept';
import { AllyImport } from './ally-import';
import { CaseForm } from './case-form';
import { caseTitle } from './case-labels';

/** Every case with its number of captures and sharing level; a form for a new one. */
export function CasesView({
  access,
  cases,
  entries,
  currentId,
  onOpen,
  onChanged,
  onAccepted,
}: {
  access: VaultAccess;
  cases: CaseRecord[];
  entries: readonly IndexEntry[];
  currentId: string;
  onOpen: (id: string) => void;
  onChanged: () => void;
  /** An invitation was accepted: its new case is `caseId`. */
  onAccepted: (caseId: string) => void;
}) {
  const [creating, setCreating] = useState(false);
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.caseId, (counts.get(e.caseId) ?? 0) + 1);
  return (
    <section>
      <h2>{t('casesHeading')}</h2>
      <ul id="case-list" class="cases">
        {cases.map((c) => (
          <li key={c.id} data-case-id={c.id}>
            <a
              href="#"
              class="case-link"
              onClick={(e) => {
                e.preventDefault();
                onOpen(c.id);
              }}
            >
              <bdi>{caseTitle(c)}</bdi>
            </a>{' '}
            <span class="tlp" data-tlp={c.tlp}>
              TLP:{c.tlp}
            </span>{' '}
            <span class="hint">{t('caseItems', formatNumber(counts.get(c.id) ?? 0))}</span>
            {c.id === currentId && <span class="hint current"> · {t('caseCurrent')}</span>}
          </li>
        ))}
      </ul>
      {creating ? (
        <CaseForm
          access={access}
          onDone={(saved) => {
            setCreating(false);
            if (saved) onChanged();
          }}
        />
      ) : (
        <button id="case-new-button" type="button" onClick={() => setCreating(true)}>
          {t('caseNew')}
        </button>
      )}
      <h2>{t('alliesHeading')}</h2>
      <AllyAccept onAccepted={onAccepted} />
      <AllyImport access={access} onImported={onChanged} />
    </section>
  );
}
