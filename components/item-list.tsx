// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState } from 'preact/hooks';
import type { ExportResult } from '../lib/export/export-bundle';
import type { VaultAccess } from '../lib/export/vault-access';
import { t } from '../lib/i18n';
import { formatDateTime, formatNumber } from '../lib/i18n/format';
import type { ReviewImagesChoice } from '../lib/messaging/protocol';
import type { ItemRecord } from '../lib/model/item';
import { useBlobUrl } from './blob-url';
import { isIntimate } from './classification-form';
import { errorText } from './error-text';
import { ExportRecipients } from './export-recipients';
import { PackExport } from './pack-export';
import { SensitiveImage } from './sensitive-image';

type ExportState =
  | { state: 'idle' }
  | { state: 'working' }
  | { state: 'done'; result: ExportResult }
  | { state: 'error'; message: string };

interface ThumbnailProps {
  access: VaultAccess;
  record: ItemRecord;
  veilByDefault: boolean;
  revealed: boolean;
  onToggle: (revealed: boolean) => void;
}

function Thumbnail({ access, record, veilByDefault, revealed, onToggle }: ThumbnailProps) {
  const shot = record.item.files.find((f) => f.role === 'screenshot-visible');
  const url = useBlobUrl(
    shot ? () => access.readFile(record.item.id, shot.path) : null,
    'image/png',
    record.item.id,
  );
  return url ? (
    <SensitiveImage
      src={url}
      alt={t('screenshotAlt')}
      veilByDefault={veilByDefault}
      revealed={revealed}
      onToggle={onToggle}
    />
  ) : (
    <span class="hint">{t('noScreenshot')}</span>
  );
}

function ExportStatus({ exp }: { exp: ExportState }) {
  const done = exp.state === 'done' ? exp.result : null;
  return (
    <div
      id="export-status"
      class="status"
      role="status"
      data-state={exp.state}
      data-filename={done?.filename}
      data-download-id={done ? String(done.downloadId) : undefined}
      data-recipients={done?.recipients?.join(' ')}
    >
      {exp.state === 'working' && t('exportWorking')}
      {exp.state === 'error' && exp.message}
      {done && (
        <>
          <p>{t('exportDone', done.filename)}</p>
          <p>
            {t('exportSha256')} <span class="mono">{done.sha256}</span>
          </p>
          {done.recipients && (
            <p id="export-encrypted">
              {t('exportEncryptedFor', String(done.recipients.length))} {t('exportZipSha256')}{' '}
              <span class="mono">{done.zipSha256}</span>
            </p>
          )}
        </>
      )}
    </div>
  );
}

async function loadIntimate(access: VaultAccess): Promise<Set<string>> {
  const out = new Set<string>();
  for (const record of await access.listItems()) {
    if (isIntimate(await access.getClassification(record.item.id))) out.add(record.item.id);
  }
  return out;
}

/** Captures, newest first, each selectable for export; at most one image revealed at a time. */
export function ItemList({
  access,
  onOpen,
  reviewImages,
}: {
  access: VaultAccess;
  onOpen: (record: ItemRecord) => void;
  reviewImages: ReviewImagesChoice;
}) {
  const [records, setRecords] = useState<ItemRecord[] | null>(null);
  const [loadError, setLoadError] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [exp, setExp] = useState<ExportState>({ state: 'idle' });
  const [revealedId, setRevealedId] = useState<string | null>(null);
  const [intimateIds, setIntimateIds] = useState<ReadonlySet<string>>(new Set());
  const [recipients, setRecipients] = useState<Set<string>>(new Set());

  useEffect(() => {
    access.listItems().then(setRecords, (e: unknown) => setLoadError(errorText(e)));
    // Captures flagged as intimate imagery are veiled even when the user chose to see images.
    void loadIntimate(access).then(setIntimateIds, () => undefined);
  }, [access]);

  function toggle(id: string, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  }

  async function runExport() {
    setExp({ state: 'working' });
    try {
      const ids = (records ?? []).map((r) => r.item.id).filter((id) => selected.has(id));
      setExp({
        state: 'done',
        result: await access.exportItems(ids, { recipients: [...recipients] }),
      });
    } catch (e) {
      setExp({ state: 'error', message: errorText(e) });
    }
  }

  if (loadError) return <p class="error">{loadError}</p>;
  if (!records) return <p class="hint">{t('loading')}</p>;
  return (
    <section>
      <h2>{t('capturesTitle', formatNumber(records.length))}</h2>
      {records.length === 0 && <p class="hint">{t('noCaptures')}</p>}
      <ul id="item-list" class="items">
        {records.map((record) => (
          <li key={record.item.id} data-item-id={record.item.id}>
            <input
              type="checkbox"
              class="export-select"
              aria-label={t('selectForExport')}
              checked={selected.has(record.item.id)}
              onChange={(e) => toggle(record.item.id, e.currentTarget.checked)}
            />
            <Thumbnail
              access={access}
              record={record}
              veilByDefault={reviewImages === 'blurred' || intimateIds.has(record.item.id)}
              revealed={revealedId === record.item.id}
              onToggle={(on) => setRevealedId(on ? record.item.id : null)}
            />
            <div class="meta">
              <a
                href="#"
                onClick={(e) => {
                  e.preventDefault();
                  onOpen(record);
                }}
              >
                {/* Titles are captured text in any script: let each take its own direction. */}
                <bdi>{record.item.source.title || t('untitled')}</bdi>
              </a>
              <span class="hint url">
                <bdi class="mono" dir="ltr">
                  {record.item.source.url}
                </bdi>
              </span>
              <time class="hint" dateTime={record.item.capturedAt}>
                {formatDateTime(record.item.capturedAt)}
              </time>
            </div>
          </li>
        ))}
      </ul>
      <ExportRecipients chosen={recipients} onChange={setRecipients} />
      <p>
        <button
          id="export-button"
          class="primary"
          type="button"
          disabled={selected.size === 0 || exp.state === 'working'}
          onClick={() => void runExport()}
        >
          {t('exportSelected', formatNumber(selected.size))}
        </button>
      </p>
      <ExportStatus exp={exp} />
      <PackExport
        access={access}
        itemIds={records.map((r) => r.item.id).filter((id) => selected.has(id))}
      />
    </section>
  );
}
