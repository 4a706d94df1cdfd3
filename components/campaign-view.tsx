// SPDX-License-Identifier: AGPL-3.0-or-later
import { useMemo, useState } from 'preact/hooks';
import { accounts, keyItems, timeline, type AccountSort } from '../lib/cases/campaign';
import type { DateField, IndexEntry } from '../lib/cases/item-index';
import { t } from '../lib/i18n';
import { formatDateTime, formatNumber } from '../lib/i18n/format';
import type { ItemRecord } from '../lib/model/item';
import { SEVERITY_KEYS } from './classification-labels';

interface Props {
  entries: readonly IndexEntry[];
  records: ReadonlyMap<string, ItemRecord>;
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], on: boolean) => void;
  onOpen: (record: ItemRecord) => void;
}

function KeyItems({ entries, records, selected, onSelect, onOpen }: Props) {
  const keys = useMemo(() => keyItems(entries), [entries]);
  const rows: Array<[string, string | undefined]> = [
    ['first', keys.first],
    ['latest', keys.latest],
    ['most-severe', keys.mostSevere],
  ];
  const label = { first: 'keyFirst', latest: 'keyLatest', 'most-severe': 'keyMostSevere' };
  const ids = [...new Set(rows.map(([, id]) => id).filter((id): id is string => !!id))];
  return (
    <section aria-labelledby="key-items-heading">
      <h3 id="key-items-heading">{t('campaignKeyItems')}</h3>
      <ul id="key-items" class="key-items">
        {rows.map(([kind, id]) => {
          const record = id ? records.get(id) : undefined;
          return (
            <li key={kind} data-key={kind} data-item-id={id}>
              <strong>{t(label[kind as keyof typeof label])}</strong>{' '}
              {record ? (
                <>
                  <a
                    href="#"
                    onClick={(e) => {
                      e.preventDefault();
                      onOpen(record);
                    }}
                  >
                    <bdi>{record.item.source.title || t('untitled')}</bdi>
                  </a>{' '}
                  <span class="hint">
                    {formatDateTime(record.item.post?.postedAt ?? record.item.capturedAt)}
                  </span>
                </>
              ) : (
                <span class="hint">{t('keyNone')}</span>
              )}
            </li>
          );
        })}
      </ul>
      <button
        id="select-key-items"
        type="button"
        disabled={ids.length === 0 || ids.every((id) => selected.has(id))}
        onClick={() => onSelect(ids, true)}
      >
        {t('selectKeyItems')}
      </button>
    </section>
  );
}

function Timeline({ entries }: { entries: readonly IndexEntry[] }) {
  const [field, setField] = useState<DateField>('posted');
  const { days, undated } = useMemo(() => timeline(entries, field), [entries, field]);
  const max = Math.max(1, ...days.map((d) => d.ids.length));
  return (
    <section aria-labelledby="timeline-heading">
      <h3 id="timeline-heading">{t('campaignTimeline')}</h3>
      <label>
        <span>{t('filterDateField')}</span>
        <select
          id="timeline-field"
          value={field}
          onChange={(e) => setField(e.currentTarget.value === 'captured' ? 'captured' : 'posted')}
        >
          <option value="posted">{t('datePosted')}</option>
          <option value="captured">{t('dateCaptured')}</option>
        </select>
      </label>
      <table id="timeline" class="timeline" data-field={field}>
        <thead>
          <tr>
            <th scope="col">{t('colDay')}</th>
            <th scope="col">{t('colCount')}</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day} data-day={d.day} data-count={d.ids.length}>
              <td class="mono" dir="ltr">
                {d.day}
              </td>
              <td>
                <span class="bar" style={{ inlineSize: `${(100 * d.ids.length) / max}%` }} />
                {formatNumber(d.ids.length)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {undated.length > 0 && (
        <p class="hint">{t('timelineUndated', formatNumber(undated.length))}</p>
      )}
    </section>
  );
}

const COLUMNS: Array<[AccountSort | null, string]> = [
  ['name', 'colAccount'],
  [null, 'colPlatform'],
  ['count', 'colCount'],
  ['first', 'colFirst'],
  ['last', 'colLast'],
  ['severity', 'colSeverity'],
];

function Accounts({ entries, onSelect }: Pick<Props, 'entries' | 'onSelect'>) {
  const [sort, setSort] = useState<AccountSort>('count');
  const rows = useMemo(() => accounts(entries, sort), [entries, sort]);
  return (
    <section aria-labelledby="accounts-heading">
      <h3 id="accounts-heading">{t('campaignAccounts')}</h3>
      {rows.length === 0 ? (
        <p class="hint">{t('noAccounts')}</p>
      ) : (
        <table id="accounts" class="accounts">
          <thead>
            <tr>
              {COLUMNS.map(([key, label]) => (
                <th
                  key={label}
                  scope="col"
                  aria-sort={
                    key && key === sort
                      ? key === 'name' || key === 'first'
                        ? 'ascending'
                        : 'descending'
                      : undefined
                  }
                >
                  {key ? (
                    <button id={`sort-${key}`} type="button" onClick={() => setSort(key)}>
                      {t(label)}
                      {key === sort && <span class="visually-hidden"> ({t('sortedBy')})</span>}
                    </button>
                  ) : (
                    t(label)
                  )}
                </th>
              ))}
              <th scope="col">
                <span class="visually-hidden">{t('selectAccount')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-account={r.key} data-count={r.count}>
                <td>
                  <bdi>{r.handle ?? r.displayName ?? r.key}</bdi>
                  {r.handle && r.displayName && (
                    <span class="hint">
                      {' '}
                      <bdi>{r.displayName}</bdi>
                    </span>
                  )}
                </td>
                <td>{r.platform}</td>
                <td>{formatNumber(r.count)}</td>
                <td>{formatDateTime(r.first)}</td>
                <td>{formatDateTime(r.last)}</td>
                <td>{r.severity ? t(SEVERITY_KEYS[r.severity]) : ''}</td>
                <td>
                  <button
                    type="button"
                    class="select-account"
                    onClick={() => onSelect(r.ids, true)}
                  >
                    {t('selectAccount')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** One case as a campaign: key items to pick, when it happened, and who posted it. */
export function CampaignView(props: Props) {
  return (
    <div id="campaign-view" class="campaign">
      <KeyItems {...props} />
      <Timeline entries={props.entries} />
      <Accounts entries={props.entries} onSelect={props.onSelect} />
    </div>
  );
}
