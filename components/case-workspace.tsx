// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState } from 'preact/hooks';
import { moveEntries, type IndexEntry } from '../lib/cases/item-index';
import type { VaultAccess } from '../lib/export/vault-access';
import { t } from '../lib/i18n';
import { sendMessage } from '../lib/messaging/client';
import type { ResponseOf, ReviewImagesChoice } from '../lib/messaging/protocol';
import type { CaseRecord } from '../lib/model/case';
import type { ItemRecord } from '../lib/model/item';
import { CaseForm } from './case-form';
import { CaseView, type CaseTab } from './case-view';
import { CasesView } from './cases-view';
import { errorText } from './error-text';
import { ItemDetail } from './item-detail';

interface Loaded {
  entries: IndexEntry[];
  records: Map<string, ItemRecord>;
  cases: CaseRecord[];
  currentId: string;
  /** Invitations issued (defender) and accepted (ally). */
  allies: ResponseOf<'allies.list'>;
}

type View =
  | { name: 'cases' }
  | { name: 'case'; caseId: string; tab: CaseTab }
  | { name: 'edit'; caseId: string; tab: CaseTab }
  | { name: 'detail'; record: ItemRecord; caseId: string; tab: CaseTab };

/**
 * Cases, one case's captures and campaign, and a capture's detail, over one in-memory index built
 * after unlock (item records, classifications, memberships; never evidence files).
 */
export function CaseWorkspace({
  access,
  reviewImages,
  start,
}: {
  access: VaultAccess;
  reviewImages: ReviewImagesChoice;
  /** The current case's captures, or the list of cases. */
  start: 'current' | 'cases';
}) {
  const [data, setData] = useState<Loaded | null>(null);
  const [view, setView] = useState<View | null>(start === 'cases' ? { name: 'cases' } : null);
  const [error, setError] = useState('');

  async function load(): Promise<Loaded | null> {
    try {
      const [index, cases, current, allies] = await Promise.all([
        access.loadIndex(),
        access.listCases(),
        sendMessage('cases.list', {}),
        sendMessage('allies.list', {}),
      ]);
      const next = { ...index, cases, currentId: current.currentId, allies };
      setData(next);
      return next;
    } catch (e) {
      setError(errorText(e));
      return null;
    }
  }

  useEffect(() => {
    void load().then((loaded) => {
      if (loaded && !view) setView({ name: 'case', caseId: loaded.currentId, tab: 'items' });
    });
  }, [access]);

  async function captureHere(caseId: string) {
    try {
      const { currentId } = await sendMessage('cases.select', { caseId });
      if (data) setData({ ...data, currentId });
    } catch (e) {
      setError(errorText(e));
    }
  }

  if (error) return <p class="error">{error}</p>;
  if (!data || !view) return <p class="hint">{t('loadingIndex')}</p>;
  const caseOf = (id: string) => data.cases.find((c) => c.id === id) ?? data.cases[0]!;

  if (view.name === 'cases')
    return (
      <CasesView
        access={access}
        cases={data.cases}
        entries={data.entries}
        currentId={data.currentId}
        onOpen={(caseId) => setView({ name: 'case', caseId, tab: 'items' })}
        onChanged={() => void load()}
        onAccepted={(caseId) =>
          void load().then(() => setView({ name: 'case', caseId, tab: 'items' }))
        }
      />
    );
  if (view.name === 'edit')
    return (
      <CaseForm
        access={access}
        existing={caseOf(view.caseId)}
        onDone={(saved) => {
          setView({ name: 'case', caseId: view.caseId, tab: view.tab });
          if (saved) void load();
        }}
      />
    );
  if (view.name === 'detail')
    return (
      <ItemDetail
        access={access}
        record={view.record}
        reviewImages={reviewImages}
        onBack={() => {
          setView({ name: 'case', caseId: view.caseId, tab: view.tab });
          // The classification may have changed: category and severity feed the filters.
          void load();
        }}
      />
    );
  const record = caseOf(view.caseId);
  return (
    <CaseView
      key={record.id}
      access={access}
      record={record}
      cases={data.cases}
      onMoved={(ids, to) => setData((d) => d && { ...d, entries: moveEntries(d.entries, ids, to) })}
      entries={data.entries}
      records={data.records}
      reviewImages={reviewImages}
      isCurrent={record.id === data.currentId}
      allies={data.allies}
      onAlliesChanged={() => void load()}
      tab={view.tab}
      onTab={(tab) => setView({ ...view, tab })}
      onOpen={(r) => setView({ name: 'detail', record: r, caseId: record.id, tab: view.tab })}
      onEdit={() => setView({ name: 'edit', caseId: record.id, tab: view.tab })}
      onCaptureHere={() => void captureHere(record.id)}
    />
  );
}
