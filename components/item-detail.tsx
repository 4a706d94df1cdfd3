// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from 'preact/hooks';
import type { VaultAccess } from '../lib/export/vault-access';
import { t } from '../lib/i18n';
import type { EvidenceFile, ItemRecord } from '../lib/model/item';
import { useBlobUrl } from './blob-url';
import { errorText } from './error-text';
import { formatTime } from './item-list';

// Captured HTML is never rendered in this (privileged) origin: no iframe, no innerHTML. It is shown
// as text (Preact escapes it) or saved to disk.
function SnapshotSource({
  access,
  itemId,
  file,
}: {
  access: VaultAccess;
  itemId: string;
  file: EvidenceFile;
}) {
  const [source, setSource] = useState<string | null>(null);
  const [error, setError] = useState('');
  async function show() {
    try {
      setSource(new TextDecoder().decode(await access.readFile(itemId, file.path)));
    } catch (e) {
      setError(errorText(e));
    }
  }
  if (error) return <p class="error">{error}</p>;
  if (source === null)
    return (
      <button id="show-source" type="button" onClick={() => void show()}>
        {t('showSource')}
      </button>
    );
  return <pre class="source">{source}</pre>;
}

/** One capture: metadata, every file with its SHA-256, the screenshot. */
export function ItemDetail({
  access,
  record,
  onBack,
}: {
  access: VaultAccess;
  record: ItemRecord;
  onBack: () => void;
}) {
  const { item } = record;
  const shot = item.files.find((f) => f.role === 'screenshot-visible');
  const snapshot = item.files.find((f) => f.role === 'dom-snapshot');
  const shotUrl = useBlobUrl(
    shot ? () => access.readFile(item.id, shot.path) : null,
    'image/png',
    item.id,
  );
  return (
    <section id="item-detail" data-item-id={item.id}>
      <button type="button" onClick={onBack}>
        {t('back')}
      </button>
      <h2>{item.source.title || t('untitled')}</h2>
      <dl>
        <dt>{t('fieldUrl')}</dt>
        <dd class="mono">{item.source.url}</dd>
        <dt>{t('fieldCapturedAt')}</dt>
        <dd>
          <time dateTime={item.capturedAt}>{formatTime(item.capturedAt)}</time> ({item.capturedAt},{' '}
          {item.timezone})
        </dd>
        <dt>{t('fieldCollector')}</dt>
        <dd>
          {item.collector.name} <span class="mono">{item.collector.fingerprint}</span>
        </dd>
        <dt>{t('fieldBrowser')}</dt>
        <dd>
          {item.environment.browser.name} {item.environment.browser.version}
        </dd>
        <dt>{t('fieldId')}</dt>
        <dd class="mono">{item.id}</dd>
        {(item.notes ?? []).length > 0 && (
          <>
            <dt>{t('fieldNotes')}</dt>
            <dd>{(item.notes ?? []).join('; ')}</dd>
          </>
        )}
      </dl>
      <h2>{t('filesTitle')}</h2>
      <table class="files">
        <thead>
          <tr>
            <th>{t('fieldPath')}</th>
            <th>{t('fieldBytes')}</th>
            <th>SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {item.files.map((f) => (
            <tr key={f.path}>
              <td class="mono">{f.path}</td>
              <td>{f.bytes}</td>
              <td class="mono">{f.sha256}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shotUrl && <img class="screenshot" src={shotUrl} alt={t('screenshotAlt')} />}
      {snapshot && (
        <>
          <h2>{t('snapshotTitle')}</h2>
          <p class="hint">{t('snapshotNotRendered')}</p>
          <SnapshotSource access={access} itemId={item.id} file={snapshot} />
        </>
      )}
    </section>
  );
}
