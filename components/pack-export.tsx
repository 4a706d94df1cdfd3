// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState } from 'preact/hooks';
import type { ExportResult } from '../lib/export/export-bundle';
import type { VaultAccess } from '../lib/export/vault-access';
import { t } from '../lib/i18n';
import { sendMessage } from '../lib/messaging/client';
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

/** Who the notices name, as saved in settings; says so plainly when the email is missing. */
function NotifierSummary() {
  const [saved, setSaved] = useState<{ name: string; email: string } | null>(null);
  useEffect(() => {
    sendMessage('settings.get', {}).then(
      (s) => setSaved({ name: s.notifierName, email: s.notifierEmail }),
      () => setSaved(null),
    );
  }, []);
  if (!saved) return null;
  return (
    <p id="notifier-summary" class="hint" data-email={saved.email ? 'given' : 'missing'}>
      {t('packNotifier', saved.name || t('packNotifierCollector'))}{' '}
      {saved.email ? (
        <bdi dir="ltr">{saved.email}</bdi>
      ) : (
        <strong>{t('packNotifierNoEmail')}</strong>
      )}{' '}
      {t('packNotifierChange')}
    </p>
  );
}

/** Exports the platform pack of the selected captures alone, signed, without evidence files. */
export function PackExport({ access, itemIds }: { access: VaultAccess; itemIds: string[] }) {
  const [pack, setPack] = useState<PackState>({ state: 'idle' });
  async function run() {
    setPack({ state: 'working' });
    try {
      setPack({ state: 'done', result: await access.exportPack(itemIds) });
    } catch (e) {
      setPack({ state: 'error', message: errorText(e) });
    }
  }
  const done = pack.state === 'done' ? pack.result : null;
  return (
    <section id="pack-export" class="pack-export">
      <h2>{t('packTitle')}</h2>
      <p class="hint">{t('packIntro')}</p>
      <NotifierSummary />
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
