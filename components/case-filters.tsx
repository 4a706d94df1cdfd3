// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ItemQuery } from '../lib/cases/item-index';
import { t } from '../lib/i18n';
import type { Category } from '../lib/model/classification';
import { CATEGORY_KEYS } from './classification-labels';

type TextKey = 'text' | 'url' | 'author';

function TextFilter({
  name,
  label,
  query,
  onChange,
}: {
  name: TextKey;
  label: string;
  query: ItemQuery;
  onChange: (q: ItemQuery) => void;
}) {
  return (
    <label>
      <span>{label}</span>
      <input
        id={`filter-${name}`}
        type="search"
        value={query[name] ?? ''}
        onInput={(e) => onChange({ ...query, [name]: e.currentTarget.value })}
      />
    </label>
  );
}

/** Search boxes and filter menus over the in-memory index; every change filters at once. */
export function CaseFilters({
  query,
  platforms,
  categories,
  onChange,
}: {
  query: ItemQuery;
  platforms: string[];
  categories: string[];
  onChange: (q: ItemQuery) => void;
}) {
  const { caseId } = query;
  return (
    <form id="case-filters" class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <h3>{t('filterHeading')}</h3>
      <TextFilter name="text" label={t('filterText')} query={query} onChange={onChange} />
      <TextFilter name="url" label={t('filterUrl')} query={query} onChange={onChange} />
      <TextFilter name="author" label={t('filterAuthor')} query={query} onChange={onChange} />
      <label>
        <span>{t('filterPlatform')}</span>
        <select
          id="filter-platform"
          value={query.platform ?? ''}
          onChange={(e) => onChange({ ...query, platform: e.currentTarget.value })}
        >
          <option value="">{t('filterAny')}</option>
          {platforms.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('filterCategory')}</span>
        <select
          id="filter-category"
          value={query.category ?? ''}
          onChange={(e) => onChange({ ...query, category: e.currentTarget.value })}
        >
          <option value="">{t('filterAny')}</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_KEYS[c as Category] ? t(CATEGORY_KEYS[c as Category].name) : c}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('filterDateField')}</span>
        <select
          id="filter-date-field"
          value={query.dateField ?? 'captured'}
          onChange={(e) =>
            onChange({
              ...query,
              dateField: e.currentTarget.value === 'posted' ? 'posted' : 'captured',
            })
          }
        >
          <option value="captured">{t('dateCaptured')}</option>
          <option value="posted">{t('datePosted')}</option>
        </select>
      </label>
      <label>
        <span>{t('filterFrom')}</span>
        <input
          id="filter-from"
          type="date"
          value={query.from ?? ''}
          onInput={(e) => onChange({ ...query, from: e.currentTarget.value })}
        />
      </label>
      <label>
        <span>{t('filterTo')}</span>
        <input
          id="filter-to"
          type="date"
          value={query.to ?? ''}
          onInput={(e) => onChange({ ...query, to: e.currentTarget.value })}
        />
      </label>
      <button id="filter-clear" type="button" onClick={() => onChange({ caseId })}>
        {t('filterClear')}
      </button>
    </form>
  );
}
