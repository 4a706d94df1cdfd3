// SPDX-License-Identifier: AGPL-3.0-or-later
// A defender and an ally, each with a real vault in this process: invitation, ally captures,
// encrypted hand-over, verified import, and an export that names both collectors.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvitationError, readInvitation } from '../../lib/allies/invitation';
import { acceptInvitationText, createInvitation } from '../../lib/allies/invite';
import { handOverCase } from '../../lib/allies/hand-over-case';
import { HandOverRefusedError, importHandOver } from '../../lib/allies/import-hand-over';
import { writeBundle } from '../../lib/bundle/write';
import {
  decryptWithKey,
  encryptToRecipients,
  randomId,
  sha256Hex,
  signDetached,
  utf8Encode,
} from '../../lib/crypto/index';
import type { Vault } from '../../lib/vault/index';
import { relist, rezip, verifyBytes } from './support/bundle-fixture';
import { capture, person, T0, type Person } from './support/person-vault';
import { dbSnapshot, PASSPHRASE } from './support/vault-fixtures';

const invite = (p: Person, caseId: string, days = 14) =>
  createInvitation(
    { vault: p.vault, randomId, now: () => p.clock.now },
    {
      caseId,
      scope: 'posts attacking Defender D. on social.example',
      expiresAt: new Date(p.clock.now.getTime() + days * 86_400_000).toISOString(),
    },
  );

const countRecords = async (v: Vault) => (await v.listItems()).length;

let defender: Person;
let ally: Person;
let defenderCase: string;
let allyCase: string;
let handOverFile: Uint8Array;
let allyItems: string[];
let mergedZip: Uint8Array;
const CHECK_BUNDLE = resolve(import.meta.dirname, '../../../shared/checks/check-bundle');

beforeAll(async () => {
  defender = person('Defender D.');
  ally = person('Ally A.');
  await defender.vault.create({ passphrase: PASSPHRASE, collectorName: defender.name });
  await ally.vault.create({ passphrase: PASSPHRASE, collectorName: ally.name });
  defenderCase = (
    await defender.vault.createCase({ title: 'Campaign X', target: 'D.', notes: '', tlp: 'RED' })
  ).id;
}, 60_000);

describe('ally invitation', () => {
  it('the ally imports a signed invitation as a case bound to it', async () => {
    const { armored, sha256 } = await invite(defender, defenderCase);
    expect(armored).toMatch(/^-----BEGIN PGP SIGNED MESSAGE-----/);
    const accepted = await acceptInvitationText(
      { vault: ally.vault, now: () => ally.clock.now },
      armored,
    );
    allyCase = accepted.case.id;
    expect(accepted.case.title).toBe('Campaign X');
    expect(accepted.invitation.sha256).toBe(sha256);
    const { issued } = await defender.vault.invitations();
    expect(issued.map((i) => i.sha256)).toEqual([sha256]);
    const lines = await ally.vault.custodyLines();
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({
      type: 'invitation-accepted',
      details: { caseId: allyCase, invitation: sha256 },
    });
  }, 60_000);

  it('refuses an edited, an expired and one’s own invitation, storing nothing', async () => {
    const { armored } = await invite(defender, defenderCase, 1);
    const before = await dbSnapshot(ally.harness);
    const edited = armored.replace('posts attacking', 'anything about');
    expect(edited).not.toBe(armored);
    await expect(
      acceptInvitationText({ vault: ally.vault, now: () => ally.clock.now }, edited),
    ).rejects.toMatchObject({ code: 'bad-signature' });
    const later = new Date(T0.getTime() + 2 * 86_400_000);
    await expect(
      acceptInvitationText({ vault: ally.vault, now: () => later }, armored),
    ).rejects.toMatchObject({ code: 'expired' });
    await expect(
      acceptInvitationText({ vault: defender.vault, now: () => defender.clock.now }, armored),
    ).rejects.toMatchObject({ code: 'own' });
    await expect(readInvitation('hello', { now: T0 })).rejects.toBeInstanceOf(InvitationError);
    expect(await dbSnapshot(ally.harness)).toEqual(before);
    // Positive control: the same invitation, unedited and in time, is accepted.
    await expect(readInvitation(armored, { now: T0 })).resolves.toBeTruthy();
  }, 60_000);
});

describe('ally captures and hand-over', () => {
  it('captures in the invited case name the ally, the defender and the consent', async () => {
    allyItems = [
      await capture(ally, allyCase, 'ALLYMARK1'),
      await capture(ally, allyCase, 'ALLYMARK2'),
    ];
    await capture(ally, 'default', 'OWNMARK');
    const record = await ally.vault.getItem(allyItems[0]!);
    const d = await defender.vault.identity();
    const a = await ally.vault.identity();
    expect(record!.item.collector).toMatchObject({
      name: 'Ally A.',
      fingerprint: a.fingerprint,
      onBehalfOf: { name: 'Defender D.', fingerprint: d.fingerprint },
      consent: { scope: 'posts attacking Defender D. on social.example' },
    });
    const own = (await ally.vault.listItems()).find((r) => !allyItems.includes(r.item.id));
    expect(own!.item.collector.onBehalfOf).toBeUndefined();
  }, 60_000);

  it('refuses a capture in the case after the invitation expired', async () => {
    const n = await countRecords(ally.vault);
    ally.clock.now = new Date(T0.getTime() + 15 * 86_400_000);
    await expect(capture(ally, allyCase, 'LATE')).rejects.toThrow(/expired/);
    ally.clock.now = T0;
    expect(await countRecords(ally.vault)).toBe(n);
  }, 60_000);

  it('hands the case over encrypted to the defender and deletes the local copies', async () => {
    const result = await handOverCase({ ...ally.exportDeps, allies: ally.vault }, allyCase);
    expect(result).toMatchObject({ items: 2, deleted: true });
    expect(result.recipients).toEqual([(await defender.vault.identity()).fingerprint]);
    handOverFile = ally.saved.at(-1)!.bytes;
    expect(ally.saved.at(-1)!.filename).toMatch(/\.zip\.gpg$/);
    const cases = await ally.vault.itemCases();
    expect([...cases.values()].filter((c) => c === allyCase)).toEqual([]);
    for (const id of allyItems) expect(await ally.vault.getItem(id)).toBeNull();
    expect(await countRecords(ally.vault)).toBe(1);
    const events = (await ally.vault.custodyLines()).map((l) => JSON.parse(l) as { type: string });
    expect(events.map((e) => e.type).slice(-3)).toEqual(['exported', 'handed-over', 'deleted']);
    // No chunk of the handed-over files is left (the remaining capture has two files).
    expect(await ally.harness.db.chunks.count()).toBe(2);
  }, 120_000);
});

describe('defender import', () => {
  it('refuses a tampered hand-over with the reason and stores nothing', async () => {
    const { privateKeyArmored, publicKeyArmored } = await defender.vault.identity();
    const zip = await decryptWithKey(handOverFile, privateKeyArmored);
    const tampered = await rezip(zip, async (files) => {
      const path = [...files.keys()].find((p) => p.endsWith('dom-snapshot.html'))!;
      files.set(path, utf8Encode('<html>edited</html>'));
      await relist(files, path);
    });
    const sealed = await encryptToRecipients(tampered, [publicKeyArmored]);
    const before = await dbSnapshot(defender.harness);
    const n = await countRecords(defender.vault);
    const refused = await importHandOver(
      { vault: defender.vault, now: () => defender.clock.now },
      sealed,
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HandOverRefusedError);
    expect(String(refused)).toMatch(/does not verify.*(signature|SHA-256)/);
    const flipped = handOverFile.slice();
    flipped[flipped.length - 40] = flipped.at(-40)! ^ 1;
    await expect(
      importHandOver({ vault: defender.vault, now: () => defender.clock.now }, flipped),
    ).rejects.toBeInstanceOf(HandOverRefusedError);
    expect(await countRecords(defender.vault)).toBe(n);
    expect(await dbSnapshot(defender.harness)).toEqual(before);
  }, 120_000);

  it('refuses a hand-over made for another defender’s invitation', async () => {
    const other = person('Other O.');
    await other.vault.create({ passphrase: PASSPHRASE, collectorName: other.name });
    const otherCase = (
      await other.vault.createCase({ title: 'Other', target: '', notes: '', tlp: 'AMBER' })
    ).id;
    const { armored } = await invite(other, otherCase);
    const bound = await acceptInvitationText(
      { vault: ally.vault, now: () => ally.clock.now },
      armored,
    );
    await capture(ally, bound.case.id, 'OTHERMARK');
    await handOverCase({ ...ally.exportDeps, allies: ally.vault }, bound.case.id);
    const zip = await decryptWithKey(
      ally.saved.at(-1)!.bytes,
      (await other.vault.identity()).privateKeyArmored,
    );
    expect((await verifyBytes(zip)).status).toBe('intact');
    const resealed = await encryptToRecipients(zip, [
      (await defender.vault.identity()).publicKeyArmored,
    ]);
    const before = await dbSnapshot(defender.harness);
    await expect(
      importHandOver({ vault: defender.vault, now: () => defender.clock.now }, resealed),
    ).rejects.toThrow(/not collected on your behalf/);
    expect(await dbSnapshot(defender.harness)).toEqual(before);
  }, 120_000);

  it('imports the hand-over, then exports a case that verifies naming both collectors', async () => {
    const record = await importHandOver(
      { vault: defender.vault, now: () => defender.clock.now },
      handOverFile,
    );
    const d = await defender.vault.identity();
    const a = await ally.vault.identity();
    expect(record.collector.fingerprint).toBe(a.fingerprint);
    expect(record.caseId).toBe(defenderCase);
    expect([...record.items].sort()).toEqual([...allyItems].sort());
    const last = JSON.parse((await defender.vault.custodyLines()).at(-1)!) as {
      type: string;
      details: { collector: string; sha256: string };
    };
    expect(last.type).toBe('imported');
    expect(last.details.collector).toBe(a.fingerprint);
    expect(last.details.sha256).toBe(
      await sha256Hex(await decryptWithKey(handOverFile, d.privateKeyArmored)),
    );
    // The same hand-over twice is refused whole.
    await expect(
      importHandOver({ vault: defender.vault, now: () => defender.clock.now }, handOverFile),
    ).rejects.toThrow(/already in the vault/);

    const ownId = await capture(defender, defenderCase, 'DEFMARK');
    const cases = await defender.vault.itemCases();
    const ids = [...cases].filter(([, c]) => c === defenderCase).map(([id]) => id);
    expect(ids).toHaveLength(3);
    await import('../../lib/export/export-bundle').then((m) =>
      m.exportBundle(defender.exportDeps, ids),
    );
    const zip = defender.saved.at(-1)!.bytes;
    const report = await verifyBytes(zip);
    expect(report.errors).toEqual([]);
    expect(report.status).toBe('intact');
    const by = new Map(report.collectors!.map((c) => [c.fingerprint, c]));
    expect(by.get(d.fingerprint)).toMatchObject({ signer: true, items: [ownId] });
    expect(by.get(a.fingerprint)).toMatchObject({ signer: false, name: 'Ally A.' });
    expect([...by.get(a.fingerprint)!.items].sort()).toEqual([...allyItems].sort());

    // Negative control: the same bundle with the ally's signature removed fails on those items.
    const stripped = await rezip(zip, (files) => {
      for (const p of [...files.keys()])
        if (p.startsWith('collectors/') && p.endsWith('SHA256SUMS.asc'))
          files.set(p, utf8Encode('not a signature'));
    });
    const bad = await verifyBytes(stripped);
    expect(bad.status).toBe('tampered');
    expect(bad.errors.join('\n')).toMatch(/not a good signature of collectors\//);
    mergedZip = zip;
  }, 180_000);

  it('flags an ally item the defender edited and signed again, and the writer refuses to', async () => {
    const d = await defender.vault.identity();
    const itemPath = `items/${allyItems[0]!}/item.json`;
    const forged = await rezip(mergedZip, async (files) => {
      const item = JSON.parse(new TextDecoder().decode(files.get(itemPath))) as {
        collector: { consent: { scope: string } };
      };
      item.collector.consent.scope = 'anything at all';
      const bytes = utf8Encode(`${JSON.stringify(item, null, 2)}\n`);
      files.set(itemPath, bytes);
      await relist(files, itemPath);
      const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as {
        files: Array<{ path: string; sha256: string; bytes: number }>;
      };
      const entry = manifest.files.find((f) => f.path === itemPath)!;
      entry.sha256 = await sha256Hex(bytes);
      entry.bytes = bytes.length;
      files.set('manifest.json', utf8Encode(`${JSON.stringify(manifest, null, 2)}\n`));
      await relist(files, 'manifest.json');
      files.set(
        'SHA256SUMS.asc',
        utf8Encode(await signDetached(files.get('SHA256SUMS')!, d.privateKeyArmored)),
      );
    });
    const report = await verifyBytes(forged);
    expect(report.checks.find((c) => c.id === 'signature')!.ok).toBe(true);
    expect(report.status).toBe('tampered');
    expect(report.errors.join('\n')).toContain(`${itemPath} is not the file collector`);
    expect(report.collectors!.find((c) => !c.signer)!.items).not.toContain(allyItems[0]);

    const record = await defender.vault.getItem(allyItems[0]!);
    const edited = {
      ...record!.item,
      collector: { ...record!.item.collector, name: 'Someone else' },
    };
    const files = await Promise.all(
      record!.item.files.map(async (f) => ({
        path: f.path,
        bytes: await defender.vault.readFile(allyItems[0]!, f.path),
      })),
    );
    const source = (await defender.vault.imports())[0]!;
    await expect(
      writeBundle(
        {
          bundleId: 'forged',
          createdAt: T0.toISOString(),
          generator: { name: 'Attest', version: '0.1.0', browser: 'test' },
          collector: {
            name: d.name,
            fingerprint: d.fingerprint,
            publicKeyArmored: d.publicKeyArmored,
          },
          items: [{ item: edited, files }],
          custodyLines: await defender.vault.custodyLines(),
          collectors: [
            {
              fingerprint: source.collector.fingerprint,
              source: source.bundleId,
              files: source.files,
            },
          ],
        },
        { sign: (data) => signDetached(data, d.privateKeyArmored) },
      ),
    ).rejects.toThrow(/is not the file collector/);
  }, 60_000);

  it('checks with stock tools: check-bundle, then the ally’s own signature over its items', () => {
    const work = mkdtempSync(join(tmpdir(), 'attest-allies-'));
    try {
      const zipPath = join(work, 'case.zip');
      writeFileSync(zipPath, mergedZip);
      const run = spawnSync(CHECK_BUNDLE, [zipPath], { encoding: 'utf8' });
      expect(run.stdout + run.stderr).toMatch(/^OK: /);
      expect(run.status).toBe(0);
      const dir = join(work, 'b');
      execFileSync('unzip', ['-q', zipPath, '-d', dir]);
      const [folder] = readdirSync(join(dir, 'collectors')).flatMap((f) =>
        readdirSync(join(dir, 'collectors', f)).map((b) => join(dir, 'collectors', f, b)),
      );
      const home = mkdtempSync(join(work, 'gnupg-'));
      const gpg = (...args: string[]) =>
        spawnSync('gpg', ['--batch', '--homedir', home, ...args], {
          cwd: folder,
          encoding: 'utf8',
        });
      expect(gpg('--import', 'collector-key.asc').status).toBe(0);
      const verified = gpg('--status-fd', '1', '--verify', 'SHA256SUMS.asc', 'SHA256SUMS');
      expect(verified.stdout).toMatch(/GOODSIG/);
      // The ally's custody log and manifest beside it are the ones it signed.
      const local = spawnSync('sha256sum', ['--ignore-missing', '-c', 'SHA256SUMS'], {
        cwd: folder,
        encoding: 'utf8',
      });
      expect(local.stdout).toMatch(/custody-log.jsonl: OK/);
      expect(local.status).toBe(0);
      // The ally's items at the bundle root are the files the ally signed.
      const lines = readFileSync(join(folder!, 'SHA256SUMS'), 'utf8')
        .split('\n')
        .filter((l) => l.includes('  items/') && !/timestamp/.test(l));
      const items = spawnSync('sha256sum', ['-c', '-'], {
        cwd: dir,
        input: lines.join('\n') + '\n',
        encoding: 'utf8',
      });
      expect(items.stdout).toMatch(/item\.json: OK/);
      expect(items.status).toBe(0);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 60_000);
});
