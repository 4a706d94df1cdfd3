// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { formatDateTime } from '../lib/i18n/format';
import { sendMessage } from '../lib/messaging/client';
import type { IssuedInvitationSummary } from '../lib/messaging/protocol';
import { errorText } from './error-text';

/**
 * An issued invitation's revocation: the date once revoked, else a button that revokes it
 * (logged by hash only; a hand-over made under it is then refused at import).
 */
export function InvitationRevoke({
  invitation,
  label,
  onRevoked,
}: {
  invitation: IssuedInvitationSummary;
  /** How the row names the invitation (its short hash), for the button's accessible name. */
  label: string;
  onRevoked: () => void;
}) {
  const [state, setState] = useState<{ working: boolean; error: string }>({
    working: false,
    error: '',
  });
  if (invitation.revokedAt)
    return (
      <span class="hint invite-revoked" data-revoked-at={invitation.revokedAt}>
        {t('inviteRevokedOn', formatDateTime(invitation.revokedAt))}
      </span>
    );

  async function revoke() {
    setState({ working: true, error: '' });
    try {
      await sendMessage('allies.revoke', { sha256: invitation.sha256 });
      setState({ working: false, error: '' });
      onRevoked();
    } catch (e) {
      setState({ working: false, error: errorText(e) });
    }
  }

  return (
    <>
      <button
        type="button"
        class="invite-revoke"
        aria-label={t('inviteRevokeLabel', label)}
        disabled={state.working}
        onClick={() => void revoke()}
      >
        {t('inviteRevoke')}
      </button>
      {state.error && (
        <span class="error" role="alert">
          {state.error}
        </span>
      )}
    </>
  );
}
