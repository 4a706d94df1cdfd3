// SPDX-License-Identifier: AGPL-3.0-or-later
import { useMemo, useRef, useState } from 'preact/hooks';
import {
  facets,
  filterEntries,
  paginate,
  type IndexEntry,
  type ItemQuery,
} from '../lib/cases/item-index';
import type { VaultAccess } from '../lib/export/vault-access';
import { t } from '../lib/i18n';
import { formatNumber } from '../lib/i18n/format';
import type { ResponseOf, ReviewImagesChoice } from '../lib/messaging/protocol';
import type { CaseRecord } from '../lib/model/case';
import type { ItemRecord } from '../lib/model/item';
import { AllyHandOver } from './ally-hand-over';
import { AllyInvite } from './ally-invite';
import { CampaignView } from './campaign-view';
import { CaseFilters } from './case-filters';
import { caseTitle } from './case-labels';
import { errorText } from './error-text';
import { ExportRecipients } from './export-recipients';
import { isAbort } from '../lib/bundle/progress';
import { ExportStatus, type ExportState } from './export-status';
import { ItemList } from './item-list';
import { MoveToCase } from './move-to-case';
import { PackExport } from './pack-export';

export const PAGE_SIZE = 50;

export type CaseTab = 'items' | 'campaign';

interface Props {
  access: VaultAccess;
  record: CaseRecord;
  /** Every case, for "move to case". */
  cases: readonly CaseRecord[];
  /** Captures moved out of this case (the index is updated by the caller). */
  onMoved: (itemIds: string[], to: string) => void;
  /** Every entry of the index; this view keeps the case's own. */
  entries: readonly IndexEntry[];
  records: ReadonlyMap<string, ItemRecord>;
  reviewImages: ReviewImagesChoice;
  isCurrent: boolean;
  /** Invitations issued and accepted: a case opened from one is handed over, others invite. */
  allies: ResponseOf<'allies.list'>;
  onAlliesChanged: () => void;
  tab: CaseTab;
  onTab: (tab: CaseTab) => void;
  onOpen: (record: ItemRecord) => void;
  onEdit: () => void;
  onCaptureHere: () => void;
}

/** One case: its captures (searched, filtered, a page at a time) or its campaign view, and export. */
export function CaseView(props: Props) {
  const { access, record, entries, records, tab } = props;
  const [query, setQuery] = useState<ItemQuery>({ caseId: record.id });
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [exp, setExp] = useState<ExportState>({ state: 'idle' });
  const [recipients, setRecipients] = useState<Set<string>>(new Set());
  const running = useRef<AbortController | null>(null);

  const inCase = useMemo(() => filterEntries(entries, { caseId: record.id }), [entries, record.id]);
  const matching = useMemo(() => filterEntries(inCase, query), [inCase, query]);
  const menus = useMemo(() => facets(inCase), [inCase]);
  const shown = paginate(matching, page, PAGE_SIZE);
  const intimateIds = useMemo(
    () => new Set(inCase.filter((e) => e.intimate).map((e) => e.id)),
    [inCase],
  );
  const caseIds = inCase.map((e) => e.id);
  const bound = props.allies.accepted.find((a) => a.caseId === record.id);
  // Selection follows the case's order, whatever order it was made in.
  const selectedIds = caseIds.filter((id) => selected.has(id));

  function select(ids: string[], on: boolean) {
    const next = new Set(selected);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    setSelected(next);
  }

  async function runExport(ids: string[]) {
    const controller = new AbortController();
    running.current = controller;
    setExp({ state: 'working' });
    try {
      const bundleCase = { id: record.id, title: caseTitle(record), tlp: record.tlp };
      const result = await access.exportItems(ids, {
        case: bundleCase,
        recipients: [...recipients],
        signal: controller.signal,
        onProgress: (progress) =>
          setExp((prev) => (prev.state === 'working' ? { ...prev, progress } : prev)),
      });
      // Even when Cancel came too late (the export was already logged), say what happened.
      setExp({ state: 'done', result });
    } catch (e) {
      setExp(
        isAbort(e) && controller.signal.aborted
          ? { state: 'cancelled' }
          : { state: 'error', message: errorText(e) },
      );
    } finally {
      running.current = null;
    }
  }

  function cancelExport() {
    setExp((prev) => (prev.state === 'working' ? { ...prev, cancelling: true } : prev));
    running.current?.abort();
  }

  return (
    <section id="case-view" data-case-id={record.id}>
      <h2>
        <bdi id="case-heading">{caseTitle(record)}</bdi>{' '}
        <span class="tlp" data-tlp={record.tlp}>
          TLP:{record.tlp}
        </span>
      </h2>
      {record.target && <p class="hint">{t('caseTargetIs', record.target)}</p>}
      <p class="bar">
        <button id="case-edit-button" type="button" onClick={props.onEdit}>
          {t('caseEdit')}
        </button>
        {props.isCurrent ? (
          <span class="hint">{t('caseCurrent')}</span>
        ) : (
          <button id="case-capture-here" type="button" onClick={props.onCaptureHere}>
            {t('caseCaptureHere')}
          </button>
        )}
      </p>
      <div role="group" class="tabs">
        <button
          id="tab-items"
          type="button"
          aria-pressed={tab === 'items'}
          onClick={() => props.onTab('items')}
        >
          {t('tabCaptures')}
        </button>
        <button
          id="tab-campaign"
          type="button"
          aria-pressed={tab === 'campaign'}
          onClick={() => props.onTab('campaign')}
        >
          {t('tabCampaign')}
        </button>
      </div>
      {tab === 'items' && (
        <>
          <h3>{t('capturesTitle', formatNumber(inCase.length))}</h3>
          <CaseFilters
            query={query}
            platforms={menus.platforms}
            categories={menus.categories}
            onChange={(q) => {
              setQuery(q);
              setPage(0);
            }}
          />
          <p id="filter-results" class="hint" role="status" data-count={matching.length}>
            {t('filterResults', [formatNumber(matching.length), formatNumber(inCase.length)])}
          </p>
          {inCase.length === 0 && <p class="hint">{t('noCaptures')}</p>}
          <ItemList
            access={access}
            records={shown.rows.map((e) => records.get(e.id)!).filter(Boolean)}
            intimateIds={intimateIds}
            selected={selected}
            onToggle={(id, on) => select([id], on)}
            onOpen={props.onOpen}
            reviewImages={props.reviewImages}
          />
          {shown.pages > 1 && (
            <nav
              class="pager"
              aria-label={t('pageOf', [String(shown.page + 1), String(shown.pages)])}
            >
              <button
                id="page-prev"
                type="button"
                disabled={shown.page === 0}
                onClick={() => setPage(shown.page - 1)}
              >
                {t('pagePrev')}
              </button>
              <span id="page-status">
                {t('pageOf', [formatNumber(shown.page + 1), formatNumber(shown.pages)])}
              </span>
              <button
                id="page-next"
                type="button"
                disabled={shown.page >= shown.pages - 1}
                onClick={() => setPage(shown.page + 1)}
              >
                {t('pageNext')}
              </button>
            </nav>
          )}
        </>
      )}
      {tab === 'campaign' && (
        <CampaignView
          entries={inCase}
          records={records}
          selected={selected}
          onSelect={select}
          onOpen={props.onOpen}
        />
      )}
      <ExportRecipients chosen={recipients} onChange={setRecipients} />
      <p class="bar">
        <button
          id="export-button"
          class="primary"
          type="button"
          disabled={selectedIds.length === 0 || exp.state === 'working'}
          onClick={() => void runExport(selectedIds)}
        >
          {t('exportSelected', formatNumber(selectedIds.length))}
        </button>
        <button
          id="export-case-button"
          type="button"
          disabled={caseIds.length === 0 || exp.state === 'working'}
          onClick={() => void runExport(caseIds)}
        >
          {t('exportCase', formatNumber(caseIds.length))}
        </button>
      </p>
      <ExportStatus exp={exp} onCancel={cancelExport} />
      <PackExport access={access} itemIds={selectedIds} />
      <MoveToCase
        access={access}
        from={record.id}
        cases={props.cases}
        itemIds={selectedIds}
        onMoved={(ids, to) => {
          select(ids, false);
          props.onMoved(ids, to);
        }}
      />
      {bound ? (
        <AllyHandOver
          access={access}
          bound={bound}
          items={caseIds.length}
          onHandedOver={props.onAlliesChanged}
        />
      ) : (
        <AllyInvite
          caseId={record.id}
          issued={props.allies.issued}
          onIssued={props.onAlliesChanged}
        />
      )}
    </section>
  );
}
