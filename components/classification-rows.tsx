// SPDX-License-Identifier: AGPL-3.0-or-later
import { t } from '../lib/i18n';

/** One editable column of a row table: the field it edits and its label's i18n key. */
export interface RowField<R> {
  key: keyof R & string;
  label: string;
  type?: 'text' | 'date';
}

/** A table of rows with add and remove buttons (legal grounds, reporting history). */
export function RowsEditor<R extends Record<string, string | undefined>>({
  id,
  legend,
  addLabel,
  fields,
  rows,
  empty,
  onChange,
}: {
  id: string;
  legend: string;
  addLabel: string;
  fields: ReadonlyArray<RowField<R>>;
  rows: R[];
  empty: () => R;
  onChange: (rows: R[]) => void;
}) {
  const set = (i: number, key: keyof R, value: string) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, [key]: value } : r)));
  return (
    <fieldset id={id} class="rows">
      <legend>{legend}</legend>
      {rows.map((row, i) => (
        <div class="row" key={i} data-row={i}>
          {fields.map((f) => (
            <label key={f.key}>
              {t(f.label)}
              <input
                type={f.type ?? 'text'}
                name={f.key}
                value={row[f.key] ?? ''}
                onInput={(e) => set(i, f.key, e.currentTarget.value)}
              />
            </label>
          ))}
          <button
            type="button"
            class="remove-row"
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            {t('clsRemoveRow')}
          </button>
        </div>
      ))}
      <button type="button" class="add-row" onClick={() => onChange([...rows, empty()])}>
        {addLabel}
      </button>
    </fieldset>
  );
}
