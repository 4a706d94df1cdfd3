// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { formatDateTime } from '../lib/i18n/format';
import { sendMessage } from '../lib/messaging/client';
import type { IssuedInvitationSummary } from '../lib/messaging/protocol';
import { errorText } from './error-text';
import { InvitationRevoke } from './invitation-revoke';

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 14;

/** `YYYY-MM-DD` of a local date, as `<input type=date>` wants it. */
function dateValue(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The chosen day ends the invitation: 23:59:59 local time, sent as UTC. */
export function endOfDay(value: string): string {
  return new Date(`${value}T23:59:59`).toISOString();
}

/** The first 16 hex digits, grouped by four: enough to tell invitations apart when read aloud. */
export const shortHash = (sha256: string): string =>
  sha256.slice(0, 16).replace(/(.{4})(?=.)/g, '$1 ');

function InvitationBlock({ armored, sha256 }: { armored: string; sha256: string }) {
  // Whether the last Copy worked; a refused clipboard (page not focused, permission) is said, and
  // the block is selected so that the keyboard can copy it.
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const [url, setUrl] = useState('');
  useEffect(() => {
    const made = URL.createObjectURL(new Blob([armored], { type: 'text/plain' }));
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [armored]);
  return (
    <div id="invite-result" data-sha256={sha256}>
      <label>
        <span>{t('inviteBlockLabel')}</span>
        <textarea id="invite-block" class="mono" dir="ltr" rows={10} readOnly value={armored} />
      </label>
      <p class="bar">
        <button
          id="invite-copy"
          type="button"
          onClick={() =>
            void navigator.clipboard.writeText(armored).then(
              () => setCopied('yes'),
              () => {
                setCopied('failed');
                const block = document.getElementById('invite-block') as HTMLTextAreaElement | null;
                block?.focus();
                block?.select();
              },
            )
          }
        >
          {t('inviteCopy')}
        </button>
        <a
          id="invite-save"
          class="button"
          href={url}
          download={`attest-invitation-${sha256.slice(0, 8)}.asc`}
        >
          {t('inviteSave')}
        </a>
        <span id="invite-copy-status" role="status" class="hint" data-state={copied ?? undefined}>
          {copied === 'yes' ? t('inviteCopied') : copied === 'failed' ? t('inviteCopyFailed') : ''}
        </span>
      </p>
      <p class="hint">{t('inviteGiveHint')}</p>
    </div>
  );
}

/**
 * Defender, in a case: write an invitation (scope and expiry) for a trusted ally, see the signed
 * block to give them, and the invitations already issued for this case.
 */
export function AllyInvite({
  caseId,
  issued,
  onIssued,
}: {
  caseId: string;
  issued: readonly IssuedInvitationSummary[];
  onIssued: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState('');
  const [expiry, setExpiry] = useState(() =>
    dateValue(new Date(Date.now() + DEFAULT_DAYS * DAY_MS)),
  );
  const [status, setStatus] = useState<{ state: string; text: string }>({
    state: 'idle',
    text: '',
  });
  const [made, setMade] = useState<{ armored: string; sha256: string } | null>(null);
  const mine = issued.filter((i) => i.caseId === caseId);

  async function create() {
    setStatus({ state: 'working', text: t('inviteWorking') });
    try {
      const { invitation, armored } = await sendMessage('allies.invite', {
        caseId,
        scope,
        expiresAt: endOfDay(expiry),
      });
      setMade({ armored, sha256: invitation.sha256 });
      setStatus({ state: 'done', text: t('inviteDone') });
      setScope('');
      onIssued();
    } catch (e) {
      setStatus({ state: 'error', text: errorText(e) });
    }
  }

  return (
    <section id="ally-invite" aria-labelledby="ally-invite-heading">
      <h3 id="ally-invite-heading">{t('inviteTitle')}</h3>
      <p class="hint">{t('inviteIntro')}</p>
      {!open && (
        <button id="invite-open" type="button" onClick={() => setOpen(true)}>
          {t('inviteOpen')}
        </button>
      )}
      {open && (
        <form
          id="invite-form"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <label>
            <span>{t('inviteScopeLabel')}</span>
            <textarea
              id="invite-scope"
              rows={3}
              maxLength={2000}
              value={scope}
              onInput={(e) => setScope(e.currentTarget.value)}
            />
          </label>
          <label>
            <span>{t('inviteExpiryLabel')}</span>
            <input
              id="invite-expiry"
              type="date"
              min={dateValue(new Date(Date.now() + DAY_MS))}
              value={expiry}
              onInput={(e) => setExpiry(e.currentTarget.value)}
            />
          </label>
          <button
            id="invite-create"
            class="primary"
            type="submit"
            disabled={scope.trim() === '' || expiry === '' || status.state === 'working'}
          >
            {t('inviteCreate')}
          </button>
        </form>
      )}
      <p
        id="invite-status"
        class={status.state === 'error' ? 'error' : 'status'}
        data-state={status.state}
        role={status.state === 'error' ? 'alert' : 'status'}
      >
        {status.text}
      </p>
      {made && <InvitationBlock armored={made.armored} sha256={made.sha256} />}
      {mine.length > 0 && (
        <>
          <h4>{t('inviteIssuedTitle')}</h4>
          <ul id="invite-list">
            {mine.map((i) => (
              <li key={i.id} data-sha256={i.sha256} data-expires-at={i.expiresAt}>
                {t('inviteIssuedRow', [formatDateTime(i.createdAt), formatDateTime(i.expiresAt)])}{' '}
                <span class="mono" dir="ltr" title={i.sha256}>
                  {shortHash(i.sha256)}
                </span>{' '}
                <InvitationRevoke invitation={i} label={shortHash(i.sha256)} onRevoked={onIssued} />
                <br />
                <bdi class="hint">{i.scope}</bdi>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
