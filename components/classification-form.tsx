// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState } from 'preact/hooks';
import type { VaultAccess } from '../lib/export/vault-access';
import { t } from '../lib/i18n';
import {
  CATEGORIES,
  SEVERITIES,
  emptyClassification,
  type Category,
  type Classification,
  type LegalGround,
  type ReportingRecord,
  type Severity,
} from '../lib/model/classification';
import { CATEGORY_KEYS, SEVERITY_KEYS } from './classification-labels';
import { RowsEditor } from './classification-rows';
import { errorText } from './error-text';

type Draft = Omit<Classification, 'updatedAt'>;
type Status =
  { state: 'idle' | 'saving' | 'saved' | 'unchanged' } | { state: 'error'; message: string };

/** True when the item's images must stay veiled and out of every platform pack. */
export function isIntimate(
  c: Pick<Classification, 'intimateImagery' | 'category'> | null,
): boolean {
  return c?.intimateImagery === true || c?.category === 'image-based-sexual-abuse';
}

function without<T extends object, K extends keyof T>(o: T, key: K): Omit<T, K> {
  const copy = { ...o };
  delete copy[key];
  return copy;
}

const toDraft = (c: Classification): Draft => without(c, 'updatedAt');

/**
 * Classification of one capture: category, severity, imminent risk, intimate imagery, notes,
 * policy, legal grounds and reporting history. Saving appends an 'annotated' custody event;
 * the evidence files are never touched.
 */
export function ClassificationForm({
  access,
  itemId,
  onChange,
}: {
  access: VaultAccess;
  itemId: string;
  /** Called with the saved classification (and once loaded), e.g. to veil intimate images. */
  onChange: (c: Classification | null) => void;
}) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  useEffect(() => {
    access.getClassification(itemId).then(
      (c) => {
        setDraft(toDraft(c ?? emptyClassification('')));
        onChange(c);
      },
      (e: unknown) => setStatus({ state: 'error', message: errorText(e) }),
    );
  }, [itemId]);
  if (!draft) return status.state === 'error' ? <p class="error">{status.message}</p> : null;

  const edit = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setStatus({ state: 'idle' });
  };
  async function save(e: Event) {
    e.preventDefault();
    if (!draft) return;
    setStatus({ state: 'saving' });
    try {
      const saved = await access.saveClassification(itemId, draft);
      setDraft(toDraft(saved.classification));
      onChange(saved.classification);
      setStatus({ state: saved.fields.length > 0 ? 'saved' : 'unchanged' });
    } catch (err) {
      setStatus({ state: 'error', message: errorText(err) });
    }
  }
  const category = draft.category;
  return (
    <form id="classification-form" class="classification" onSubmit={(e) => void save(e)}>
      <h2>{t('classificationTitle')}</h2>
      <label class="imminent">
        <input
          type="checkbox"
          name="imminentRisk"
          checked={draft.imminentRisk}
          onChange={(e) => edit({ imminentRisk: e.currentTarget.checked })}
        />
        <strong>{t('clsImminentRisk')}</strong>
        <span class="hint">{t('clsImminentRiskHint')}</span>
      </label>
      <label>
        {t('clsCategory')}
        <select
          name="category"
          value={category ?? ''}
          onChange={(e) => {
            const v = e.currentTarget.value;
            const rest = without(draft, 'category');
            setDraft(v ? { ...rest, category: v as Category } : rest);
            setStatus({ state: 'idle' });
          }}
        >
          <option value="">{t('clsCategoryNone')}</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(CATEGORY_KEYS[c].name)}
            </option>
          ))}
        </select>
      </label>
      {category && (
        <p class="hint" id="category-description">
          {t(CATEGORY_KEYS[category].desc)}
        </p>
      )}
      <label>
        {t('clsSeverity')}
        <select
          name="severity"
          value={draft.severity ?? ''}
          onChange={(e) => {
            const v = e.currentTarget.value;
            const rest = without(draft, 'severity');
            setDraft(v ? { ...rest, severity: v as Severity } : rest);
            setStatus({ state: 'idle' });
          }}
        >
          <option value="">{t('clsSeverityNone')}</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(SEVERITY_KEYS[s])}
            </option>
          ))}
        </select>
      </label>
      <label class="intimate">
        <input
          type="checkbox"
          name="intimateImagery"
          checked={draft.intimateImagery}
          onChange={(e) => edit({ intimateImagery: e.currentTarget.checked })}
        />
        {t('clsIntimate')}
        <span class="hint">{t('clsIntimateHint')}</span>
      </label>
      <label>
        {t('clsPolicy')}
        <input
          type="text"
          name="policy"
          value={draft.policy ?? ''}
          onInput={(e) => edit({ policy: e.currentTarget.value })}
        />
      </label>
      <label>
        {t('clsNotes')}
        <textarea
          name="notes"
          rows={4}
          value={draft.notes ?? ''}
          onInput={(e) => edit({ notes: e.currentTarget.value })}
        />
      </label>
      <RowsEditor<LegalGround & Record<string, string>>
        id="legal-grounds"
        legend={t('clsLegalGrounds')}
        addLabel={t('clsAddLegalGround')}
        fields={[
          { key: 'jurisdiction', label: 'clsJurisdiction' },
          { key: 'instrument', label: 'clsInstrument' },
          { key: 'article', label: 'clsArticle' },
        ]}
        rows={draft.legalGrounds as Array<LegalGround & Record<string, string>>}
        empty={() => ({ jurisdiction: '', instrument: '', article: '' })}
        onChange={(legalGrounds) => edit({ legalGrounds })}
      />
      <RowsEditor<ReportingRecord & Record<string, string | undefined>>
        id="reporting-history"
        legend={t('clsReporting')}
        addLabel={t('clsAddReport')}
        fields={[
          { key: 'channel', label: 'clsChannel' },
          { key: 'date', label: 'clsDate', type: 'date' },
          { key: 'ticketId', label: 'clsTicketId' },
          { key: 'outcome', label: 'clsOutcome' },
        ]}
        rows={draft.reporting as Array<ReportingRecord & Record<string, string | undefined>>}
        empty={() => ({ channel: '', date: '' })}
        onChange={(reporting) => edit({ reporting })}
      />
      <p>
        <button
          type="submit"
          class="primary"
          id="save-classification"
          disabled={status.state === 'saving'}
        >
          {t('clsSave')}
        </button>
      </p>
      <p id="classification-status" role="status" data-state={status.state}>
        {status.state === 'saved' && t('clsSaved')}
        {status.state === 'unchanged' && t('clsUnchanged')}
        {status.state === 'error' && status.message}
      </p>
    </form>
  );
}
