// SPDX-License-Identifier: AGPL-3.0-or-later
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateIdentity, signDetached, utf8Encode } from '../../lib/crypto/index';
import { writePackZip } from '../../lib/bundle/write-pack';
import { pdqHash } from '../../lib/pdq/index';
import { nciiImageHashes } from '../../lib/reports/ncii-image-hashes';
import type { PackFile } from '../../lib/reports/pack-model';
import { buildPlatformPack } from '../../lib/reports/platform-pack';
import { verifyBytes } from './support/bundle-fixture';
import { parseCsv } from './support/csv-parse';
import { NCII_SECRETS, decodeForTest, packFixture, type FixtureItem } from './support/pack-fixture';

let items: FixtureItem[];
let files: PackFile[];
let zip: Uint8Array;
let ncii: FixtureItem;

function includes(hay: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(hay).indexOf(Buffer.from(needle)) !== -1;
}

beforeAll(async () => {
  items = await packFixture();
  ncii = items.find((p) => p.item.id === 'itemC')!;
  const bytes = new Map(
    items.flatMap((p) => p.files.map((f) => [`${p.item.id}/${f.path}`, f.bytes])),
  );
  files = buildPlatformPack({
    items: items.map(({ item, classification }) => ({ item, classification })),
    notifier: { name: 'Amina K.', email: 'amina@example.org' },
    createdAt: '2025-03-03T09:30:00.000Z',
    generator: { name: 'Attest', version: '0.1.0' },
    imageHashes: await nciiImageHashes(items, {
      readFile: (id, path) => Promise.resolve(bytes.get(`${id}/${path}`)!),
      decode: decodeForTest,
    }),
  });
  const id = { ...(await generateIdentity({ name: 'Amina K.' })), name: 'Amina K.' };
  zip = await writePackZip(
    {
      createdAt: '2025-03-03T09:30:00.000Z',
      collector: {
        name: id.name,
        fingerprint: id.fingerprint,
        publicKeyArmored: id.publicKeyArmored,
      },
      files,
    },
    { sign: (data) => signDetached(data, id.privateKeyArmored) },
  );
}, 60_000);

describe('intimate imagery in the platform pack', () => {
  it('ncii-hashes.csv lists every PNG of the item with SHA-256 and PDQ, nothing else', async () => {
    const [header, ...rows] = parseCsv(
      files.find((f) => f.path === 'notices/ncii-hashes.csv')!.text,
    );
    expect(header).toEqual(['item_id', 'file', 'sha256', 'pdq', 'pdq_quality']);
    const images = ncii.item.files.filter((f) => f.mediaType === 'image/png');
    expect(rows).toHaveLength(images.length);
    for (const [i, f] of images.entries()) {
      const { hash, quality } = pdqHash(
        await decodeForTest(ncii.files.find((x) => x.path === f.path)!.bytes, 'image/png'),
      );
      expect(rows[i]).toEqual(['itemC', `items/itemC/${f.path}`, f.sha256, hash, String(quality)]);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('its rows carry URL, ids, category and hashes; never notes, text, title or HTML', () => {
    for (const f of files) {
      for (const secret of [
        NCII_SECRETS.notes,
        NCII_SECRETS.postText,
        NCII_SECRETS.title,
        NCII_SECRETS.html,
      ])
        expect(f.text, f.path).not.toContain(secret);
    }
    const csv = files.find((f) => f.path === 'notices/mastodon-escalation.csv')!.text;
    expect(csv).toContain('https://example.social/@leaker/111');
    expect(csv).toContain('Image-based sexual abuse');
    expect(csv).toContain('Intimate image shared without consent. Images withheld');
  });

  it('an undecodable image keeps its SHA-256 and gets no PDQ', async () => {
    const hashes = await nciiImageHashes([ncii], {
      readFile: () => Promise.resolve(new Uint8Array([1, 2, 3])),
      decode: decodeForTest,
    });
    expect(
      hashes.get('itemC')!.every((h) => h.pdq === undefined && /^[0-9a-f]{64}$/.test(h.sha256)),
    ).toBe(true);
  });

  it("the signed pack zip holds notices only: none of the item's file bytes", async () => {
    for (const f of ncii.files) expect(includes(zip, f.bytes), f.path).toBe(false);
    const archive = await JSZip.loadAsync(zip);
    const names = Object.keys(archive.files).sort();
    expect(names).toEqual(
      [
        'README.txt',
        'SHA256SUMS',
        'SHA256SUMS.asc',
        'collector-key.asc',
        ...files.map((f) => f.path),
      ].sort(),
    );
    for (const name of names) {
      const data = await archive.file(name)!.async('uint8array');
      for (const f of ncii.files)
        expect(includes(data, f.bytes), `${name} holds ${f.path}`).toBe(false);
      expect(includes(data, utf8Encode(NCII_SECRETS.notes))).toBe(false);
    }
  });

  it('is not mistaken for an evidence bundle by the verifier', async () => {
    const report = await verifyBytes(zip);
    expect(report.status).not.toBe('intact');
    expect(report.errors.join(' ')).toMatch(/manifest\.json/);
  });
});
