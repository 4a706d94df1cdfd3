// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { formatDateTime } from '../lib/i18n/format';
import { sendMessage } from '../lib/messaging/client';
import type { InvitationPreview } from '../lib/messaging/protocol';
import { errorText } from './error-text';
import { formatFingerprint } from './setup-view';

// One message per refusal reason (lib/allies/invitation.ts, lib/messaging/ally-handlers.ts).
const REFUSALS: Record<string, string> = {
  malformed: 'errorInvitationMalformed',
  'bad-signature': 'errorInvitationBadSignature',
  expired: 'errorInvitationExpired',
  own: 'errorInvitationOwn',
  'not-yet-valid': 'errorInvitationNotYetValid',
  'invitation-already-accepted': 'errorInvitationAlreadyAccepted',
};

type Status = { state: 'idle' | 'working' | 'done' | 'error'; text: string; code?: string };

function refusal(e: unknown): Status {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  const key = typeof code === 'string' ? REFUSALS[code] : undefined;
  const detail = e instanceof Error ? e.message : String(e);
  return {
    state: 'error',
    text: key ? `${t(key)} (${detail})` : errorText(e),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

/** What the invitation says, and the fingerprint the ally must confirm with the defender. */
function Preview({ p }: { p: InvitationPreview }) {
  return (
    <div id="accept-preview" data-fingerprint={p.defender.fingerprint} data-sha256={p.sha256}>
      <dl>
        <dt>{t('acceptDefender')}</dt>
        <dd id="accept-defender">
          <bdi>{p.defender.name}</bdi>
        </dd>
        <dt>{t('acceptFingerprint')}</dt>
        <dd>
          <span id="accept-fingerprint" class="mono fingerprint" dir="ltr">
            {formatFingerprint(p.defender.fingerprint)}
          </span>
        </dd>
        <dt>{t('acceptCase')}</dt>
        <dd>
          <bdi>{p.caseTitle}</bdi>
        </dd>
        <dt>{t('acceptScope')}</dt>
        <dd>
          <bdi>{p.scope}</bdi>
        </dd>
        <dt>{t('acceptExpires')}</dt>
        <dd>{formatDateTime(p.expiresAt)}</dd>
      </dl>
      <p id="accept-confirm-hint" class="confirm-fingerprint">
        <strong>{t('acceptConfirmFingerprint')}</strong>
      </p>
    </div>
  );
}

/**
 * Ally: paste or choose an invitation, see who sent it and the fingerprint to confirm by another
 * channel, then accept: a local case bound to it. Every refusal says why; nothing is stored then.
 */
export function AllyAccept({ onAccepted }: { onAccepted: (caseId: string) => void }) {
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<InvitationPreview | null>(null);
  const [status, setStatus] = useState<Status>({ state: 'idle', text: '' });

  async function check(armored: string) {
    setPreview(null);
    setStatus({ state: 'working', text: t('acceptChecking') });
    try {
      setPreview(await sendMessage('allies.check', { armored }));
      setStatus({ state: 'idle', text: '' });
    } catch (e) {
      setStatus(refusal(e));
    }
  }

  async function fromFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const armored = await file.text();
    setText(armored);
    await check(armored);
  }

  async function accept() {
    setStatus({ state: 'working', text: t('acceptWorking') });
    try {
      const accepted = await sendMessage('allies.accept', { armored: text });
      setStatus({ state: 'done', text: t('acceptDone', accepted.caseTitle) });
      setPreview(null);
      setText('');
      onAccepted(accepted.caseId);
    } catch (e) {
      setStatus(refusal(e));
    }
  }

  return (
    <section id="ally-accept" aria-labelledby="ally-accept-heading">
      <h3 id="ally-accept-heading">{t('acceptTitle')}</h3>
      <p class="hint">{t('acceptIntro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void check(text);
        }}
      >
        <label>
          <span>{t('acceptTextLabel')}</span>
          <textarea
            id="accept-text"
            class="mono"
            dir="ltr"
            rows={6}
            spellcheck={false}
            value={text}
            onInput={(e) => {
              setText(e.currentTarget.value);
              setPreview(null);
            }}
          />
        </label>
        <label>
          <span>{t('acceptFileLabel')}</span>
          <input
            id="accept-file"
            type="file"
            accept=".asc,.txt"
            onChange={(e) => void fromFile(e.currentTarget)}
          />
        </label>
        <button
          id="accept-check"
          type="submit"
          disabled={text.trim() === '' || status.state === 'working'}
        >
          {t('acceptCheck')}
        </button>
      </form>
      {preview && (
        <>
          <Preview p={preview} />
          <p class="bar">
            <button
              id="accept-confirm"
              class="primary"
              type="button"
              disabled={status.state === 'working'}
              onClick={() => void accept()}
            >
              {t('acceptConfirm')}
            </button>
            <button id="accept-cancel" type="button" onClick={() => setPreview(null)}>
              {t('caseCancel')}
            </button>
          </p>
        </>
      )}
      <p
        id="accept-status"
        class={status.state === 'error' ? 'error' : 'status'}
        data-state={status.state}
        data-code={status.code}
        role={status.state === 'error' ? 'alert' : 'status'}
      >
        {status.text}
      </p>
    </section>
  );
}
