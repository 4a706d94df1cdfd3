// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, tamper matrix: every class of edit to an exported bundle is reported (status is not
// 'intact'), and the untouched bundle re-zipped by other tools is not (0 false alarms).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBundle, type BundleInput } from '../../lib/bundle/write';
import { generateIdentity, type Identity } from '../../lib/crypto/index';
import {
  custodyFor,
  makeInput,
  signerFor,
  unzipAll,
  verifyBytes,
} from '../unit/support/bundle-fixture';
import {
  custodyCases,
  everyByteFlip,
  fileCases,
  foreignSignatureCases,
  forgeWithKey,
  pack,
  prng,
  randomFlips,
  resignCases,
  type Files,
  type TamperCase,
} from './support/tamper-cases';
import { armorPacket, createGpgVerifier } from './support/gpg-armor';
import { zipTrickCases } from './support/zip-trick-cases';

const EVERY_BYTE = ['SHA256SUMS', 'SHA256SUMS.asc', 'manifest.json', 'custody-log.jsonl'];
const LARGE_FILE_BYTES = 16 * 1024;
const RANDOM_FLIPS = 1000;

interface Tally {
  total: number;
  detected: number;
  missed: string[];
}

describe('tamper matrix', () => {
  let input: BundleInput;
  let identity: Identity & { name: string };
  let files: Files;
  let itemIds: string[];
  let work: string;

  beforeAll(async () => {
    ({ input, identity } = await makeInput({ items: 3, pngBytes: 64 * 1024 }));
    files = await unzipAll(await writeBundle(input, signerFor(identity)));
    itemIds = input.items.map((i) => i.item.id);
    work = mkdtempSync(join(tmpdir(), 'attest-tamper-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  async function otherSignatures(): Promise<Record<string, Uint8Array>> {
    // Same collector, another bundle (one item less); and another collector's bundle.
    const items = input.items.slice(1);
    const sameKey: BundleInput = {
      ...input,
      bundleId: 'c'.repeat(32),
      items,
      custodyLines: custodyFor(items, identity.fingerprint),
    };
    const other = await makeInput({ items: 1 });
    const asc = async (i: BundleInput, id: Identity) =>
      (await unzipAll(await writeBundle(i, signerFor(id)))).get('SHA256SUMS.asc')!;
    return {
      'same collector, another bundle': await asc(sameKey, identity),
      'another collector, another bundle': await asc(other.input, other.identity),
    };
  }

  it('detects 100% of the edits, per class', async () => {
    const started = Date.now();
    expect((await verifyBytes(pack(files))).status, 'the re-packer alone must not alarm').toBe(
      'intact',
    );
    const other = await generateIdentity({ name: 'Forger' });
    const rand = prng(0x5eed);
    const large = [...files].filter(([, d]) => d.length >= LARGE_FILE_BYTES).map(([p]) => p);
    const generators: Array<Iterable<TamperCase>> = [
      ...EVERY_BYTE.map((p) => everyByteFlip(files, p)),
      ...large.map((p) => randomFlips(files, p, RANDOM_FLIPS, rand)),
      fileCases(files, itemIds),
      custodyCases(files),
      resignCases(files, itemIds[0]!, other, identity.fingerprint),
      foreignSignatureCases(files, await otherSignatures()),
      zipTrickCases(files, itemIds[0]!),
    ];
    const tallies = new Map<string, Tally>();
    // A flip the verifier accepts in SHA256SUMS.asc is excused only if it left the signature
    // packet as it was AND GnuPG accepts the file without a warning (exit 0): armor text outside
    // the signed data that the lawyers' tool ignores too. Anything else is a miss.
    const gpg = createGpgVerifier(identity.publicKeyArmored, files.get('SHA256SUMS')!);
    const packet = armorPacket(files.get('SHA256SUMS.asc')!);
    const armorOnly: string[] = [];
    const excused = (c: TamperCase): boolean => {
      if (c.edited?.path !== 'SHA256SUMS.asc') return false;
      const verdict = gpg.verify(c.edited.data);
      const same = armorPacket(c.edited.data).equals(packet);
      if (same && verdict.status === 0) armorOnly.push(c.label);
      else c.label += ` (gpg exit ${verdict.status}: ${verdict.says})`;
      return same && verdict.status === 0;
    };
    for (const gen of generators) {
      for (const c of gen) {
        const t = tallies.get(c.cls) ?? { total: 0, detected: 0, missed: [] };
        tallies.set(c.cls, t);
        t.total++;
        const report = await verifyBytes(await c.build());
        if (report.status !== 'intact') t.detected++;
        else if (excused(c)) t.total--;
        else t.missed.push(c.label);
      }
    }
    gpg.close();
    let total = 0;
    let detected = 0;
    for (const [cls, t] of tallies) {
      total += t.total;
      detected += t.detected;
      console.log(
        `  ${cls}: ${t.detected}/${t.total} detected${t.missed.length ? `; MISSED ${t.missed.slice(0, 10).join(', ')}` : ''}`,
      );
    }
    console.log(
      `tamper matrix: ${detected}/${total} detected in ${tallies.size} classes ` +
        `(${large.length} large files × ${RANDOM_FLIPS} random flips), ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    console.log(
      `  not counted: ${armorOnly.length} flips of SHA256SUMS.asc armor outside the signature packet ` +
        `(same packet, gpg --verify exit 0 too): ${armorOnly.join(', ')}`,
    );
    const missed = [...tallies].flatMap(([cls, t]) => t.missed.map((l) => `${cls}: ${l}`));
    expect(missed).toEqual([]);
  });

  it('identity substitution verifies only as the forger: the reported key is not the collector', async () => {
    // A forger who swaps in their own key wherever the signature check looks, without touching
    // the evidence, makes a bundle genuinely signed by them. The items still name the collector
    // recorded at capture, so the verifier refuses it; a forger who rewrites every item.json too
    // is exposed only by the fingerprint, confirmed out of band.
    const other = await generateIdentity({ name: 'Forger' });
    const swap = { swapKey: true, renameCollector: true };
    const pure = await verifyBytes(
      await forgeWithKey(files, itemIds[0]!, other, identity.fingerprint, {
        ...swap,
        editShot: false,
      }),
    );
    const edited = await verifyBytes(
      await forgeWithKey(files, itemIds[0]!, other, identity.fingerprint, swap),
    );
    console.log(
      `tamper matrix, identity substitution: key swapped only -> ${pure.status}, signing key ${pure.fingerprint} ` +
        `(collector ${identity.fingerprint}, still named in item.json); key swapped + screenshot edited -> ${edited.status}`,
    );
    expect(pure.fingerprint).toBe(other.fingerprint);
    expect(pure.fingerprint).not.toBe(identity.fingerprint);
    expect(pure.status).toBe('tampered');
    expect(pure.errors.join('\n')).toContain(`names collector key ${identity.fingerprint}`);
    expect(edited.status).not.toBe('intact');
  });

  it('raises 0 false alarms on the untouched bundle re-zipped by Info-ZIP and JSZip', async () => {
    const tree = join(work, 'tree');
    for (const [path, data] of files) {
      mkdirSync(dirname(join(tree, path)), { recursive: true });
      writeFileSync(join(tree, path), data);
    }
    const infoZip = (name: string, flags: string[]): Uint8Array => {
      const out = join(work, name);
      execFileSync('zip', ['-q', '-X', ...flags, out, ...files.keys()], { cwd: tree });
      return readFileSync(out);
    };
    const infoZipTree = (name: string): Uint8Array => {
      const out = join(work, name);
      execFileSync('zip', ['-q', '-X', '-r', out, '.'], { cwd: tree });
      return readFileSync(out);
    };
    const jszip = async (
      compression: 'STORE' | 'DEFLATE',
      reverse: boolean,
    ): Promise<Uint8Array> => {
      const z = new JSZip();
      const entries = [...files];
      for (const [p, d] of reverse ? entries.reverse() : entries)
        z.file(p, d, { createFolders: false, compression });
      return z.generateAsync({ type: 'uint8array' });
    };
    const rezipped: Record<string, Uint8Array | Promise<Uint8Array>> = {
      'Info-ZIP zip (deflate)': infoZip('deflate.zip', []),
      'Info-ZIP zip -0 (stored)': infoZip('stored.zip', ['-0']),
      'Info-ZIP zip -9': infoZip('best.zip', ['-9']),
      'Info-ZIP zip -r . (folder entries)': infoZipTree('tree.zip'),
      'JSZip DEFLATE': jszip('DEFLATE', false),
      'JSZip STORE, reversed order': jszip('STORE', true),
    };
    const alarms: string[] = [];
    for (const [label, zip] of Object.entries(rezipped)) {
      const report = await verifyBytes(await zip);
      if (report.status !== 'intact') alarms.push(`${label}: ${report.errors.join('; ')}`);
    }
    console.log(
      `tamper matrix: ${alarms.length} false alarms on ${Object.keys(rezipped).length} re-zipped copies of the untouched bundle`,
    );
    expect(alarms).toEqual([]);
  });
});
