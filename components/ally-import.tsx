// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from 'preact/hooks';
import type { VaultAccess } from '../lib/export/vault-access';
import { t } from '../lib/i18n';
import { formatNumber } from '../lib/i18n/format';
import type { ImportRecord } from '../lib/model/invitation';
import { formatFingerprint } from './setup-view';

type State =
  | { state: 'idle' | 'working' }
  | { state: 'refused'; reason: string }
  | { state: 'done'; record: ImportRecord };

/**
 * Defender: imports an ally's `.zip.gpg`. It is decrypted and verified before anything is
 * stored (lib/allies/import-hand-over.ts); a refusal says why and that nothing was imported.
 */
export function AllyImport({
  access,
  onImported,
}: {
  access: VaultAccess;
  onImported: (caseId: string) => void;
}) {
  const [status, setStatus] = useState<State>({ state: 'idle' });

  async function fromFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setStatus({ state: 'working' });
    try {
      const record = await access.importHandOver(new Uint8Array(await file.arrayBuffer()));
      setStatus({ state: 'done', record });
      onImported(record.caseId);
    } catch (e) {
      setStatus({ state: 'refused', reason: e instanceof Error ? e.message : String(e) });
    }
  }

  const done = status.state === 'done' ? status.record : null;
  return (
    <section id="ally-import" aria-labelledby="ally-import-heading">
      <h3 id="ally-import-heading">{t('importTitle')}</h3>
      <p class="hint">{t('importIntro')}</p>
      <label>
        <span>{t('importFileLabel')}</span>
        <input
          id="import-file"
          type="file"
          accept=".gpg,.pgp"
          disabled={status.state === 'working'}
          onChange={(e) => void fromFile(e.currentTarget)}
        />
      </label>
      <div
        id="import-status"
        class={status.state === 'refused' ? 'error' : 'status'}
        role={status.state === 'refused' ? 'alert' : 'status'}
        data-state={status.state}
        data-collector={done?.collector.fingerprint}
        data-items={done ? String(done.items.length) : undefined}
        data-case-id={done?.caseId}
      >
        {status.state === 'working' && t('importWorking')}
        {status.state === 'refused' && (
          <>
            <p>{t('importRefused')}</p>
            <p id="import-reason">
              <bdi>{status.reason}</bdi>
            </p>
            <p>
              <strong>{t('importNothing')}</strong>
            </p>
          </>
        )}
        {done && (
          <>
            <p>
              {t('importDone', [formatNumber(done.items.length)])} <bdi>{done.collector.name}</bdi>
            </p>
            <p>
              {t('acceptFingerprint')}{' '}
              <span id="import-collector" class="mono fingerprint" dir="ltr">
                {formatFingerprint(done.collector.fingerprint)}
              </span>
            </p>
          </>
        )}
      </div>
    </section>
  );
}
