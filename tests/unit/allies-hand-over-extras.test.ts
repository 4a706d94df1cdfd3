// SPDX-License-Identifier: AGPL-3.0-or-later
// An ally's classification and RFC 3161 timestamp travel through the hand-over: the defender's
// vault keeps them, and the defender's own bundle of the case carries them and verifies.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptInvitationText, createInvitation } from '../../lib/allies/invite';
import { handOverCase } from '../../lib/allies/hand-over-case';
import { importHandOver } from '../../lib/allies/import-hand-over';
import { capturedLineOf } from '../../lib/bundle/timestamps';
import { writeBundle } from '../../lib/bundle/write';
import { randomId, sha256Hex, signDetached, utf8Encode } from '../../lib/crypto/index';
import { exportBundle } from '../../lib/export/export-bundle';
import { createPackBundleWriter } from '../../lib/export/export-pack';
import { classificationJson } from '../../lib/model/classification-json';
import { createTimestampClient, type TimestampClient } from '../../lib/timestamp/index';
import {
  doxxingClassification,
  relist,
  rezip,
  unzipAll,
  verifyBytes,
} from './support/bundle-fixture';
import { decodeForTest } from './support/pack-fixture';
import { capture, person, type Person } from './support/person-vault';
import { createAuthority, startTsaServer, type TsaServer } from './support/tsa-fixture';
import { PASSPHRASE } from './support/vault-fixtures';

const events = async (p: Person) =>
  (await p.vault.custodyLines()).map(
    (l) => JSON.parse(l) as { type: string; itemId?: string; details: Record<string, unknown> },
  );

/**
 * `p`'s export wired as the vault page wires it (lib/export/create-vault-access.ts): the bundle
 * writer wrapped so each item carries its classification.json and the platform pack.
 */
function pageExport(p: Person): Person['exportDeps'] {
  const withPack = createPackBundleWriter({
    ...p.exportDeps,
    vault: p.vault,
    writeBundle,
    decode: decodeForTest,
    notifier: (name) => Promise.resolve({ name }),
  });
  return { ...p.exportDeps, writeBundle: withPack };
}

/** The ally's vault stamps the item as the timestamp service does: the 'captured' line's digest. */
async function stamp(p: Person, client: TimestampClient, itemId: string): Promise<void> {
  const line = capturedLineOf(await p.vault.custodyLines(), itemId)!;
  await p.vault.saveTimestampReceipt(itemId, await client.stamp(await sha256Hex(utf8Encode(line))));
}

let work: string;
let server: TsaServer;
let client: TimestampClient;
let defender: Person;
let ally: Person;
let defenderCase: string;
let classified: string;
let stamped: string;
let handOver: Uint8Array;
let merged: Uint8Array;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'attest-ally-extras-'));
  const tsa = createAuthority(join(work, 'tsa'), 'Ally', { tsaKey: 'ec' });
  server = await startTsaServer(tsa);
  client = createTimestampClient({
    fetch,
    url: server.url,
    now: Date.now,
    trustedCerts: [tsa.rootDer],
  });
  defender = person('Defender D.');
  ally = person('Ally A.');
  await defender.vault.create({ passphrase: PASSPHRASE, collectorName: defender.name });
  await ally.vault.create({ passphrase: PASSPHRASE, collectorName: ally.name });
  defenderCase = (
    await defender.vault.createCase({ title: 'Campaign X', target: 'D.', notes: '', tlp: 'RED' })
  ).id;
  const { armored } = await createInvitation(
    { vault: defender.vault, randomId, now: () => defender.clock.now },
    {
      caseId: defenderCase,
      scope: 'posts attacking D.',
      expiresAt: new Date(defender.clock.now.getTime() + 7 * 86_400_000).toISOString(),
    },
  );
  const allyCase = (
    await acceptInvitationText({ vault: ally.vault, now: () => ally.clock.now }, armored)
  ).case.id;
  classified = await capture(ally, allyCase, 'CLASSIFIED');
  stamped = await capture(ally, allyCase, 'STAMPED');
  await ally.vault.saveClassification(classified, doxxingClassification('the ally’s notes'));
  await stamp(ally, client, stamped);
  await handOverCase({ ...pageExport(ally), allies: ally.vault }, allyCase);
  handOver = ally.saved.at(-1)!.bytes;
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('an ally’s classification and timestamp through the hand-over', () => {
  it('the defender’s vault keeps them, logged after the import with hashes and ids only', async () => {
    const record = await importHandOver(
      { vault: defender.vault, now: () => defender.clock.now },
      handOver,
    );
    const kept = await defender.vault.getClassification(classified);
    expect(kept).toMatchObject({ category: 'doxxing', notes: 'the ally’s notes' });
    const receipt = await defender.vault.timestampReceipt(stamped);
    expect(receipt?.tsaName).toBe('CN=Ally TSA, O=Attest tests');
    expect(await defender.vault.timestampReceipt(classified)).toBeNull();
    expect(await defender.vault.getClassification(stamped)).toBeNull();

    const log = await events(defender);
    const [imported, annotated] = log.slice(-2);
    expect(imported).toMatchObject({
      type: 'imported',
      details: { bundleId: record.bundleId, timestamped: [stamped] },
    });
    expect(annotated).toEqual({
      ...annotated,
      type: 'annotated',
      itemId: classified,
      details: {
        itemId: classified,
        fields: ['category', 'notes'],
        sha256: await sha256Hex(utf8Encode(classificationJson(kept!))),
        bundleId: record.bundleId,
      },
    });
    expect(JSON.stringify(log)).not.toContain('the ally’s notes');
  }, 120_000);

  it('the defender’s bundle of the case carries the ally’s files as signed and verifies', async () => {
    const ids = [...(await defender.vault.itemCases())]
      .filter(([, c]) => c === defenderCase)
      .map(([id]) => id);
    await exportBundle(pageExport(defender), ids);
    const zip = defender.saved.at(-1)!.bytes;
    const report = await verifyBytes(zip);
    expect(report.errors).toEqual([]);
    expect(report.status).toBe('intact');
    expect(report.checks.find((c) => c.id === 'classifications')).toMatchObject({ ok: true });
    expect(report.checks.find((c) => c.id === 'timestamps')).toMatchObject({ ok: true });
    expect(report.timestamps?.map((t) => t.itemId)).toEqual([stamped]);

    // The files are the ally's bytes: the ally's own signed SHA256SUMS checks them at the root.
    const files = await unzipAll(zip);
    const folder = [...files.keys()].find(
      (p) => p.endsWith('/SHA256SUMS') && p.startsWith('collectors/'),
    )!;
    const allySums = new TextDecoder().decode(files.get(folder));
    for (const path of [
      `items/${classified}/classification.json`,
      `items/${stamped}/timestamp.tsr`,
      `items/${stamped}/timestamp-chain.pem`,
    ]) {
      expect(allySums).toContain(`${await sha256Hex(files.get(path)!)}  ${path}`);
    }
    const dir = mkdtempSync(join(work, 'b-'));
    const zipPath = join(dir, 'case.zip');
    writeFileSync(zipPath, zip);
    expect(spawnSync('unzip', ['-q', zipPath, '-d', join(dir, 'b')]).status).toBe(0);
    const items = allySums
      .split('\n')
      .filter((l) => l.includes('  items/'))
      .join('\n');
    const check = spawnSync('sha256sum', ['-c', '-'], {
      cwd: join(dir, 'b'),
      input: `${items}\n`,
      encoding: 'utf8',
    });
    expect(check.stdout).toMatch(/timestamp\.tsr: OK/);
    expect(check.stdout).toMatch(/classification\.json: OK/);
    expect(check.status).toBe(0);
    merged = zip;
  }, 120_000);

  it('an ally’s token over another line, re-signed by the defender, is refused', async () => {
    const d = await defender.vault.identity();
    const other = await client.stamp('ab'.repeat(32));
    const tsrPath = `items/${stamped}/timestamp.tsr`;
    const forged = await rezip(merged, async (files) => {
      files.set(tsrPath, other.response);
      await relist(files, tsrPath);
      const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as {
        files: Array<{ path: string; sha256: string; bytes: number }>;
      };
      const entry = manifest.files.find((f) => f.path === tsrPath)!;
      entry.sha256 = await sha256Hex(other.response);
      entry.bytes = other.response.length;
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
    expect(report.errors.join('\n')).toMatch(new RegExp(`item ${stamped}: timestamp:`));
  }, 60_000);

  it('a classification the defender changes later is theirs, and the bundle still verifies', async () => {
    await defender.vault.saveClassification(classified, doxxingClassification('defender’s own'));
    await exportBundle(pageExport(defender), [classified, stamped]);
    const report = await verifyBytes(defender.saved.at(-1)!.bytes);
    expect(report.errors).toEqual([]);
    expect(report.status).toBe('intact');
  }, 60_000);
});
