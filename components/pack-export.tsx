// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from 'preact/hooks';
import type { ExportResult } from '../lib/export/export-bundle';
import type { VaultAccess } from '../lib/export/vault-access';
import { t } from '../lib/i18n';
import { errorText } from './error-text';

type PackState =
  | { state: 'idle' | 'working' }
  | { state: 'done'; result: ExportResult }
  | { state: 'error'; message: string };

/**
 * What StopNCII and Take It Down are, as text only: Attest never contacts them (no network
 * traffic the user did not turn on), and the user goes there when ready.
 */
export function NciiHelp() {
  return (
    <aside id="ncii-help" class="ncii-help">
      <h3>{t('nciiTitle')}</h3>
      <p>{t('nciiIntro')}</p>
      <ul>
        <li>{t('nciiStopNcii')}</li>
        <li>{t('nciiTakeItDown')}</li>
      </ul>
      <p class="hint">{t('nciiNoNetwork')}</p>
    </aside>
  );
}

/** Exports the platform pack of the selected captures alone, signed, without evidence files. */
export function PackExport({ access, itemIds }: { access: VaultAccess; itemIds: string[] }) {
  const [email, setEmail] = useState('');
  const [pack, setPack] = useState<PackState>({ state: 'idle' });
  async function run() {
    setPack({ state: 'working' });
    try {
      const trimmed = email.trim();
      setPack({
        state: 'done',
        result: await access.exportPack(itemIds, trimmed ? { email: trimmed } : {}),
      });
    } catch (e) {
      setPack({ state: 'error', message: errorText(e) });
    }
  }
  const done = pack.state === 'done' ? pack.result : null;
  return (
    <section id="pack-export" class="pack-export">
      <h2>{t('packTitle')}</h2>
      <p class="hint">{t('packIntro')}</p>
      <label>
        {t('packEmail')}
        <input
          type="email"
          id="notifier-email"
          autocomplete="email"
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </label>
      <p>
        <button
          id="pack-export-button"
          type="button"
          disabled={itemIds.length === 0 || pack.state === 'working'}
          onClick={() => void run()}
        >
          {t('packExport', String(itemIds.length))}
        </button>
      </p>
      <div
        id="pack-status"
        class="status"
        role="status"
        data-state={pack.state}
        data-filename={done?.filename}
        data-download-id={done ? String(done.downloadId) : undefined}
      >
        {pack.state === 'working' && t('packWorking')}
        {pack.state === 'error' && pack.message}
        {done && (
          <>
            <p>{t('packDone', done.filename)}</p>
            <p>
              {t('exportSha256')} <span class="mono">{done.sha256}</span>
            </p>
          </>
        )}
      </div>
      <NciiHelp />
    </section>
  );
}
