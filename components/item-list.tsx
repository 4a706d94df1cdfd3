// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from 'preact/hooks';
import type { VaultAccess } from '../lib/export/vault-access';
import { t } from '../lib/i18n';
import { formatDateTime } from '../lib/i18n/format';
import type { ReviewImagesChoice } from '../lib/messaging/protocol';
import type { ItemRecord } from '../lib/model/item';
import { useBlobUrl } from './blob-url';
import { SensitiveImage } from './sensitive-image';

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

/** One page of captures, each selectable for export; at most one image revealed at a time. */
export function ItemList({
  access,
  records,
  intimateIds,
  selected,
  onToggle,
  onOpen,
  reviewImages,
}: {
  access: VaultAccess;
  records: readonly ItemRecord[];
  /** Captures flagged as intimate imagery: veiled even when the user chose to see images. */
  intimateIds: ReadonlySet<string>;
  selected: ReadonlySet<string>;
  onToggle: (id: string, on: boolean) => void;
  onOpen: (record: ItemRecord) => void;
  reviewImages: ReviewImagesChoice;
}) {
  const [revealedId, setRevealedId] = useState<string | null>(null);
  return (
    <ul id="item-list" class="items">
      {records.map((record) => (
        <li key={record.item.id} data-item-id={record.item.id}>
          <input
            type="checkbox"
            class="export-select"
            aria-label={t('selectForExport')}
            checked={selected.has(record.item.id)}
            onChange={(e) => onToggle(record.item.id, e.currentTarget.checked)}
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
  );
}
