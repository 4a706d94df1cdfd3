// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from 'preact/hooks';
import type { VaultAccess } from '../lib/export/vault-access';
import { t } from '../lib/i18n';
import {
  DEFAULT_TLP,
  MAX_CASE_NOTES,
  MAX_CASE_TARGET,
  MAX_CASE_TITLE,
  type CaseFields,
  type CaseRecord,
} from '../lib/model/case';
import { TLP_KEYS, TLP_LEVELS } from './case-labels';
import { errorText } from './error-text';

/** Creates a case, or edits `existing`; every save is a custody event naming the fields only. */
export function CaseForm({
  access,
  existing,
  onDone,
}: {
  access: VaultAccess;
  existing?: CaseRecord;
  onDone: (saved: CaseRecord | null) => void;
}) {
  const [fields, setFields] = useState<CaseFields>({
    title: existing?.title ?? '',
    target: existing?.target ?? '',
    notes: existing?.notes ?? '',
    tlp: existing?.tlp ?? DEFAULT_TLP,
  });
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<CaseFields>) => setFields({ ...fields, ...patch });

  async function save(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      const saved = existing
        ? (await access.updateCase(existing.id, fields)).record
        : await access.createCase(fields);
      onDone(saved);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form id="case-form" class="case-form" onSubmit={(e) => void save(e)}>
      <h2>{existing ? t('caseEdit') : t('caseNew')}</h2>
      <label>
        <span>{t('caseTitleLabel')}</span>
        <input
          id="case-title"
          type="text"
          maxLength={MAX_CASE_TITLE}
          required={!existing}
          value={fields.title}
          onInput={(e) => set({ title: e.currentTarget.value })}
        />
      </label>
      <label>
        <span>{t('caseTargetLabel')}</span>
        <input
          id="case-target"
          type="text"
          maxLength={MAX_CASE_TARGET}
          value={fields.target}
          onInput={(e) => set({ target: e.currentTarget.value })}
        />
      </label>
      <label>
        <span>{t('caseNotesLabel')}</span>
        <textarea
          id="case-notes"
          rows={3}
          maxLength={MAX_CASE_NOTES}
          value={fields.notes}
          onInput={(e) => set({ notes: e.currentTarget.value })}
        />
      </label>
      <fieldset id="case-tlp">
        <legend>{t('caseTlpLabel')}</legend>
        {TLP_LEVELS.map((level) => (
          <label key={level} class="radio">
            <input
              type="radio"
              name="case-tlp"
              value={level}
              checked={fields.tlp === level}
              onChange={() => set({ tlp: level })}
            />{' '}
            <span class="tlp-text" data-tlp={level}>
              {t(TLP_KEYS[level])}
            </span>
          </label>
        ))}
      </fieldset>
      <p>
        <button id="case-save" class="primary" type="submit" disabled={busy}>
          {t('caseSave')}
        </button>{' '}
        <button type="button" onClick={() => onDone(null)}>
          {t('caseCancel')}
        </button>
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
