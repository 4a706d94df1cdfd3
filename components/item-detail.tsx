// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, useState } from 'preact/hooks';
import type { VaultAccess } from '../lib/export/vault-access';
import { t } from '../lib/i18n';
import { formatDateTime, formatNumber } from '../lib/i18n/format';
import type { ReviewImagesChoice } from '../lib/messaging/protocol';
import type { EvidenceFile, ItemRecord } from '../lib/model/item';
import { useBlobUrl } from './blob-url';
import { ClassificationForm, isIntimate } from './classification-form';
import { errorText } from './error-text';
import { SensitiveImage } from './sensitive-image';

// Captured HTML is never rendered in this (privileged) origin: no iframe, no innerHTML. It is shown
// as text (Preact escapes it) or saved to disk. The text is abuse too, so a warning comes first and
// the source can be hidden again.
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
  return (
    <>
      <p class="content-warning" id="source-warning">
        {t('contentWarning')}
      </p>
      {source === null ? (
        <button id="show-source" type="button" onClick={() => void show()}>
          {t('showSource')}
        </button>
      ) : (
        <>
          <button id="hide-source" type="button" onClick={() => setSource(null)}>
            {t('hideSource')}
          </button>
          {/* Focusable so keyboard users can scroll it; named for screen readers. */}
          <pre
            class="source"
            tabIndex={0}
            aria-label={t('sourceLabel')}
            aria-describedby="source-warning"
          >
            {source}
          </pre>
        </>
      )}
    </>
  );
}

/** One capture: metadata, every file with its SHA-256, the screenshot (veiled unless asked for). */
export function ItemDetail({
  access,
  record,
  onBack,
  reviewImages,
}: {
  access: VaultAccess;
  record: ItemRecord;
  onBack: () => void;
  reviewImages: ReviewImagesChoice;
}) {
  const { item } = record;
  const [revealed, setRevealed] = useState(false);
  // Intimate imagery stays veiled whatever the review setting says.
  const [intimate, setIntimate] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // Keyboard and screen-reader users land on the new view instead of on a vanished link.
  useEffect(() => {
    heading.current?.focus();
  }, [item.id]);
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
      <h2 ref={heading} tabIndex={-1}>
        <bdi>{item.source.title || t('untitled')}</bdi>
      </h2>
      <dl>
        <dt>{t('fieldUrl')}</dt>
        <dd>
          <span class="mono" dir="ltr">
            {item.source.url}
          </span>
        </dd>
        <dt>{t('fieldCapturedAt')}</dt>
        <dd>
          <time dateTime={item.capturedAt}>{formatDateTime(item.capturedAt)}</time>{' '}
          <bdi dir="ltr">
            ({item.capturedAt}, {item.timezone})
          </bdi>
        </dd>
        <dt>{t('fieldCollector')}</dt>
        <dd>
          <bdi>{item.collector.name}</bdi>{' '}
          <span class="mono" dir="ltr">
            {item.collector.fingerprint}
          </span>
        </dd>
        <dt>{t('fieldBrowser')}</dt>
        <dd>
          {item.environment.browser.name} {item.environment.browser.version}
        </dd>
        <dt>{t('fieldId')}</dt>
        <dd>
          <span class="mono" dir="ltr">
            {item.id}
          </span>
        </dd>
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
            <th>{t('fieldSha256')}</th>
          </tr>
        </thead>
        <tbody>
          {item.files.map((f) => (
            <tr key={f.path}>
              <td>
                <bdi class="mono" dir="ltr">
                  {f.path}
                </bdi>
              </td>
              <td>{formatNumber(f.bytes)}</td>
              <td>
                <bdi class="mono" dir="ltr">
                  {f.sha256}
                </bdi>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shotUrl && (
        <SensitiveImage
          class="screenshot"
          src={shotUrl}
          alt={t('screenshotAlt')}
          veilByDefault={reviewImages === 'blurred' || intimate}
          revealed={revealed}
          onToggle={setRevealed}
        />
      )}
      <ClassificationForm
        access={access}
        itemId={item.id}
        onChange={(c) => setIntimate(isIntimate(c))}
      />
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
