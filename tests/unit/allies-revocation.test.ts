// SPDX-License-Identifier: AGPL-3.0-or-later
// The defender revokes an invitation: the revocation is logged by hash only, and a hand-over made
// under it is refused whole, while one under another invitation still imports.
import { beforeAll, describe, expect, it } from 'vitest';
import { acceptInvitationText } from '../../lib/allies/invite';
import { handOverCase } from '../../lib/allies/hand-over-case';
import { HandOverRefusedError, importHandOver } from '../../lib/allies/import-hand-over';
import { randomId } from '../../lib/crypto/index';
import { createAllyHandlers } from '../../lib/messaging/ally-handlers';
import { InvitationNotFoundError, VaultWriteError } from '../../lib/vault/index';
import { capture, person, type Person } from './support/person-vault';
import { dbSnapshot, PASSPHRASE } from './support/vault-fixtures';

let defender: Person;
let ally: Person;
let handlers: ReturnType<typeof createAllyHandlers>;
const sent: Record<'revoked' | 'kept', { sha256: string; file: Uint8Array }> = {} as never;

/** An invitation for a new case of the defender, accepted by the ally, one capture, handed over. */
async function handOverUnder(title: string): Promise<{ sha256: string; file: Uint8Array }> {
  const caseId = (await defender.vault.createCase({ title, target: 'D.', notes: '', tlp: 'RED' }))
    .id;
  const { invitation, armored } = await handlers['allies.invite']({
    caseId,
    scope: `posts about ${title}`,
    expiresAt: new Date(defender.clock.now.getTime() + 7 * 86_400_000).toISOString(),
  });
  const bound = await acceptInvitationText(
    { vault: ally.vault, now: () => ally.clock.now },
    armored,
  );
  await capture(ally, bound.case.id, title);
  await handOverCase({ ...ally.exportDeps, allies: ally.vault }, bound.case.id);
  return { sha256: invitation.sha256, file: ally.saved.at(-1)!.bytes };
}

beforeAll(async () => {
  defender = person('Defender D.');
  ally = person('Ally A.');
  await defender.vault.create({ passphrase: PASSPHRASE, collectorName: defender.name });
  await ally.vault.create({ passphrase: PASSPHRASE, collectorName: ally.name });
  handlers = createAllyHandlers(defender.vault, () => Promise.resolve(), {
    randomId,
    now: () => defender.clock.now,
  });
  sent.revoked = await handOverUnder('first');
  sent.kept = await handOverUnder('second');
}, 120_000);

describe('invitation revocation', () => {
  it('allies.revoke marks the invitation and logs its hash only; again, it writes nothing', async () => {
    defender.clock.now = new Date(defender.clock.now.getTime() + 3_600_000);
    const { invitation } = await handlers['allies.revoke']({ sha256: sent.revoked.sha256 });
    expect(invitation).toMatchObject({
      sha256: sent.revoked.sha256,
      revokedAt: defender.clock.now.toISOString(),
    });
    const last = JSON.parse((await defender.vault.custodyLines()).at(-1)!) as object;
    expect(last).toMatchObject({
      type: 'invitation-revoked',
      details: { invitation: sent.revoked.sha256 },
    });
    expect(Object.keys((last as { details: object }).details)).toEqual(['invitation']);
    const { issued } = await handlers['allies.list']({});
    expect(issued.find((i) => i.sha256 === sent.revoked.sha256)?.revokedAt).toBe(
      invitation.revokedAt,
    );
    expect(issued.find((i) => i.sha256 === sent.kept.sha256)?.revokedAt).toBeUndefined();

    const before = await dbSnapshot(defender.harness);
    defender.clock.now = new Date(defender.clock.now.getTime() + 3_600_000);
    const again = await handlers['allies.revoke']({ sha256: sent.revoked.sha256 });
    expect(again.invitation.revokedAt).toBe(invitation.revokedAt);
    await expect(handlers['allies.revoke']({ sha256: 'f'.repeat(64) })).rejects.toBeInstanceOf(
      InvitationNotFoundError,
    );
    expect(await dbSnapshot(defender.harness)).toEqual(before);
  }, 60_000);

  it('a hand-over under the revoked invitation is refused with that reason, nothing imported', async () => {
    const before = await dbSnapshot(defender.harness);
    const refused = await importHandOver(
      { vault: defender.vault, now: () => defender.clock.now },
      sent.revoked.file,
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HandOverRefusedError);
    expect(String(refused)).toMatch(/was revoked on .*nothing was imported/);
    expect(await dbSnapshot(defender.harness)).toEqual(before);
    // The vault refuses too, should a revocation land between the check and the write.
    await expect(
      defender.vault.storeImport({
        record: {
          bundleId: 'b',
          zipSha256: '0'.repeat(64),
          fileSha256: '1'.repeat(64),
          collector: { name: 'A', fingerprint: 'A'.repeat(40) },
          caseId: 'default',
          invitationSha256: sent.revoked.sha256,
          items: [],
          files: { sums: '', signature: '', key: '', custody: '', manifest: '' },
        },
        items: [],
      }),
    ).rejects.toBeInstanceOf(VaultWriteError);
    expect(await dbSnapshot(defender.harness)).toEqual(before);
  }, 60_000);

  it('control: a hand-over under the other invitation imports', async () => {
    const record = await importHandOver(
      { vault: defender.vault, now: () => defender.clock.now },
      sent.kept.file,
    );
    expect(record.invitationSha256).toBe(sent.kept.sha256);
    expect(record.items).toHaveLength(1);
  }, 60_000);
});
