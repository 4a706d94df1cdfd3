// SPDX-License-Identifier: AGPL-3.0-or-later
// Moving captures between cases: memberships and one 'case-moved' event in one transaction, the
// in-memory index kept in step, exports that still verify, and an ally's captures held in place.
import { beforeAll, describe, expect, it } from 'vitest';
import { acceptInvitationText, createInvitation } from '../../lib/allies/invite';
import { buildIndex, moveEntries } from '../../lib/cases/item-index';
import { randomId } from '../../lib/crypto/index';
import { verifyChain } from '../../lib/custody/index';
import { exportBundle } from '../../lib/export/export-bundle';
import { DEFAULT_CASE_ID } from '../../lib/model/case';
import {
  CaseBoundError,
  CaseNotFoundError,
  ItemNotFoundError,
  type Vault,
} from '../../lib/vault/index';
import { unzipAll, verifyBytes } from './support/bundle-fixture';
import { capture, person, type Person } from './support/person-vault';
import { scanForMarkers } from './support/plaintext-scan';
import { dbSnapshot, PASSPHRASE, sampleCapture } from './support/vault-fixtures';

const TITLE = `mkcasetitle${randomId()}`;

const lastEvent = async (v: Vault) =>
  JSON.parse((await v.custodyLines()).at(-1)!) as {
    type: string;
    details: Record<string, unknown>;
  };

const indexOf = async (v: Vault) =>
  buildIndex(await v.listItems(), await v.listClassifications(), await v.itemCases());

let defender: Person;
let ally: Person;
let caseA: string;
let caseB: string;
let inA: string[];
let inDefault: string;

beforeAll(async () => {
  defender = person('Defender D.');
  ally = person('Ally A.');
  await defender.vault.create({ passphrase: PASSPHRASE, collectorName: defender.name });
  await ally.vault.create({ passphrase: PASSPHRASE, collectorName: ally.name });
  const fields = { target: 'D.', notes: '', tlp: 'RED' as const };
  caseA = (await defender.vault.createCase({ title: TITLE, ...fields })).id;
  caseB = (await defender.vault.createCase({ title: `${TITLE}-b`, ...fields })).id;
  inA = [
    await capture(defender, caseA, 'A1'),
    await capture(defender, caseA, 'A2'),
    await capture(defender, caseA, 'A3'),
  ];
  inDefault = await capture(defender, DEFAULT_CASE_ID, 'D1');
}, 60_000);

describe('moving captures between cases', () => {
  it('moves memberships and logs one case-moved event with ids only; the index follows', async () => {
    const before = await indexOf(defender.vault);
    const lines = (await defender.vault.custodyLines()).length;
    const moves = await defender.vault.moveItems({
      itemIds: [inA[0]!, inA[1]!, inDefault],
      to: caseB,
    });
    expect(moves).toEqual([
      { itemId: inA[0], from: caseA },
      { itemId: inA[1], from: caseA },
      { itemId: inDefault, from: DEFAULT_CASE_ID },
    ]);
    const cases = await defender.vault.itemCases();
    expect([inA[0], inA[1], inDefault].map((id) => cases.get(id!))).toEqual([caseB, caseB, caseB]);
    expect(cases.get(inA[2]!)).toBe(caseA);

    const log = await defender.vault.custodyLines();
    expect(log).toHaveLength(lines + 1);
    expect(await lastEvent(defender.vault)).toMatchObject({
      type: 'case-moved',
      details: { caseId: caseB, items: moves },
    });
    expect(verifyChain(log).ok).toBe(true);
    expect(scanForMarkers(log.join('\n'), [TITLE])).toEqual([]);
    // Positive control: the scan finds the title where it is.
    expect(scanForMarkers(JSON.stringify(await defender.vault.listCases()), [TITLE])).not.toEqual(
      [],
    );

    // The page's in-memory update gives the index a rebuild from the vault gives.
    const updated = moveEntries(
      before,
      moves.map((m) => m.itemId),
      caseB,
    );
    expect(updated).toEqual(await indexOf(defender.vault));
    expect(updated).not.toEqual(before);
  }, 60_000);

  it('writes nothing for captures already in the case, an unknown case or an unknown capture', async () => {
    const snapshot = await dbSnapshot(defender.harness);
    expect(await defender.vault.moveItems({ itemIds: [inA[0]!], to: caseB })).toEqual([]);
    await expect(
      defender.vault.moveItems({ itemIds: [inA[2]!], to: 'no-such-case' }),
    ).rejects.toBeInstanceOf(CaseNotFoundError);
    await expect(
      defender.vault.moveItems({ itemIds: [inA[2]!, 'no-such-item'], to: caseB }),
    ).rejects.toBeInstanceOf(ItemNotFoundError);
    expect(await dbSnapshot(defender.harness)).toEqual(snapshot);
  }, 60_000);

  it('exports a case after moves as a bundle that verifies (custody chain replayed)', async () => {
    await defender.vault.moveItems({ itemIds: [inA[0]!], to: caseA });
    const ids = [...(await defender.vault.itemCases())]
      .filter(([, c]) => c === caseB)
      .map(([id]) => id);
    expect(ids.sort()).toEqual([inA[1]!, inDefault].sort());
    await exportBundle(defender.exportDeps, ids, {
      case: { id: caseB, title: 'B', tlp: 'RED' },
    });
    const zip = defender.saved.at(-1)!.bytes;
    const report = await verifyBytes(zip);
    expect(report.errors).toEqual([]);
    expect(report.status).toBe('intact');
    const log = new TextDecoder().decode((await unzipAll(zip)).get('custody-log.jsonl'));
    const types = log
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { type: string }).type);
    expect(types.filter((t) => t === 'case-moved')).toHaveLength(2);
  }, 60_000);
});

describe('an ally’s captures stay in the case of their invitation', () => {
  let allyCase: string;
  let allyItem: string;
  let allyOwn: string;

  beforeAll(async () => {
    const { armored } = await createInvitation(
      { vault: defender.vault, randomId, now: () => defender.clock.now },
      {
        caseId: caseA,
        scope: 'posts attacking D.',
        expiresAt: new Date(defender.clock.now.getTime() + 7 * 86_400_000).toISOString(),
      },
    );
    allyCase = (
      await acceptInvitationText({ vault: ally.vault, now: () => ally.clock.now }, armored)
    ).case.id;
    allyItem = await capture(ally, allyCase, 'ALLY1');
    allyOwn = await capture(ally, DEFAULT_CASE_ID, 'ALLY2');
  }, 60_000);

  it('ally: an invited case lets no capture out and none in; nothing changes', async () => {
    const snapshot = await dbSnapshot(ally.harness);
    await expect(
      ally.vault.moveItems({ itemIds: [allyItem], to: DEFAULT_CASE_ID }),
    ).rejects.toBeInstanceOf(CaseBoundError);
    await expect(ally.vault.moveItems({ itemIds: [allyOwn], to: allyCase })).rejects.toMatchObject({
      code: 'case-bound',
    });
    expect(await dbSnapshot(ally.harness)).toEqual(snapshot);
    // Control: between cases of the ally's own, the same capture moves.
    const other = await ally.vault.createCase({
      title: 'own',
      target: '',
      notes: '',
      tlp: 'AMBER',
    });
    expect(await ally.vault.moveItems({ itemIds: [allyOwn], to: other.id })).toEqual([
      { itemId: allyOwn, from: DEFAULT_CASE_ID },
    ]);
  }, 60_000);

  it('defender: an imported capture does not move, even in a mixed selection; own captures do', async () => {
    const { item, files } = await sampleCapture({ id: randomId(), marker: (f) => `IMP-${f}` });
    const a = await ally.vault.identity();
    item.collector = { name: a.name, fingerprint: a.fingerprint };
    const { issued } = await defender.vault.invitations();
    await defender.vault.storeImport({
      record: {
        bundleId: 'ally-bundle',
        zipSha256: '0'.repeat(64),
        fileSha256: '1'.repeat(64),
        collector: { name: a.name, fingerprint: a.fingerprint },
        caseId: caseA,
        invitationSha256: issued[0]!.sha256,
        items: [item.id],
        files: { sums: '', signature: '', key: '', custody: '', manifest: '' },
      },
      items: [{ item, files: new Map(files.map((f) => [f.path, f.bytes])) }],
    });
    const snapshot = await dbSnapshot(defender.harness);
    await expect(
      defender.vault.moveItems({ itemIds: [inA[2]!, item.id], to: caseB }),
    ).rejects.toBeInstanceOf(CaseBoundError);
    expect(await dbSnapshot(defender.harness)).toEqual(snapshot);
    expect((await defender.vault.itemCases()).get(inA[2]!)).toBe(caseA);
    // Control: the defender's own capture leaves the invitation's case.
    expect(await defender.vault.moveItems({ itemIds: [inA[2]!], to: caseB })).toEqual([
      { itemId: inA[2], from: caseA },
    ]);
  }, 60_000);
});
