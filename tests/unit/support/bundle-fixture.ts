// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomBytes } from 'node:crypto';
import JSZip from 'jszip';
import {
  generateIdentity,
  sha256Hex,
  signDetached,
  utf8Encode,
  type Identity,
} from '../../../lib/crypto/index';
import { createEventLine } from '../../../lib/custody/chain';
import { bytesSource } from '../../../lib/bundle/source';
import { verifyBundle } from '../../../lib/bundle/verify';
import type { VerifyReport } from '../../../lib/bundle/report';
import type { BundleInput } from '../../../lib/bundle/write';
import { emptyClassification, type Classification } from '../../../lib/model/classification';
import { classificationJson } from '../../../lib/model/classification-json';
import type { EvidenceFile, ItemJson } from '../../../lib/model/item';

const AT = '2025-03-01T10:00:00.000Z';

/** A PNG signature followed by random bytes: incompressible like a real screenshot. */
export function fakePng(bytes: number): Uint8Array {
  const out = new Uint8Array(randomBytes(bytes));
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return out;
}

async function evidenceFile(
  path: string,
  role: EvidenceFile['role'],
  mediaType: string,
  data: Uint8Array,
): Promise<EvidenceFile> {
  return { path, role, sha256: await sha256Hex(data), bytes: data.length, mediaType };
}

/** One capture as the vault would hand it to the writer, plus its custody line. */
export async function makeItem(options: {
  id: string;
  collector: Identity & { name: string };
  pngBytes?: number;
}): Promise<BundleInput['items'][number]> {
  const png = fakePng(options.pngBytes ?? 4096);
  const html = utf8Encode(
    `<!-- captured ${AT} -->\n<html><body>${'<p>abuse</p>'.repeat(200)}</body></html>\n`,
  );
  const item: ItemJson = {
    formatVersion: 1,
    id: options.id,
    capturedAt: AT,
    timezone: 'Europe/Paris',
    source: {
      url: 'https://example.org/p/1',
      finalUrl: 'https://example.org/p/1',
      title: 'A post',
    },
    environment: {
      userAgent: 'test',
      browser: { name: 'chromium', version: '156' },
      extensionVersion: '0.1.0',
      viewport: { width: 1280, height: 800 },
      devicePixelRatio: 1,
    },
    collector: { name: options.collector.name, fingerprint: options.collector.fingerprint },
    files: [
      await evidenceFile('screenshot.png', 'screenshot-visible', 'image/png', png),
      await evidenceFile('page.html', 'dom-snapshot', 'text/html', html),
    ],
    notes: ['post fields not detected'],
  };
  return {
    item,
    files: [
      { path: 'screenshot.png', bytes: png },
      { path: 'page.html', bytes: html },
    ],
  };
}

/** Custody lines for a vault creation followed by one 'captured' event per item. */
export function custodyFor(items: BundleInput['items'], fingerprint: string): string[] {
  const lines: string[] = [];
  const push = (input: Parameters<typeof createEventLine>[1]): void => {
    lines.push(createEventLine(lines[lines.length - 1] ?? null, input).line);
  };
  push({ at: AT, type: 'vault-created', details: { fingerprint } });
  for (const { item } of items) {
    push({
      at: AT,
      type: 'captured',
      itemId: item.id,
      details: { files: item.files.map(({ path, sha256 }) => ({ path, sha256 })) },
    });
  }
  return lines;
}

export interface Fixture {
  zip: Uint8Array;
  input: BundleInput;
  identity: Identity & { name: string };
}

/** The writer input for a small, honest bundle signed with a freshly generated key. */
export async function makeInput(
  options: { items?: number; pngBytes?: number } = {},
): Promise<{ input: BundleInput; identity: Identity & { name: string } }> {
  const identity = {
    ...(await generateIdentity({ name: 'Test Collector' })),
    name: 'Test Collector',
  };
  const items: BundleInput['items'] = [];
  for (let i = 0; i < (options.items ?? 2); i++) {
    items.push(
      await makeItem({
        id: `item${i}${'0'.repeat(27)}`,
        collector: identity,
        pngBytes: options.pngBytes,
      }),
    );
  }
  const input: BundleInput = {
    bundleId: 'b0a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5',
    createdAt: AT,
    generator: { name: 'Attest', version: '0.1.0', browser: 'test' },
    collector: {
      name: identity.name,
      fingerprint: identity.fingerprint,
      publicKeyArmored: identity.publicKeyArmored,
    },
    items,
    custodyLines: custodyFor(items, identity.fingerprint),
  };
  return { input, identity };
}

/** Signs with the identity's private key, as the export page does. */
export const signerFor = (identity: Identity) => ({
  sign: (data: Uint8Array) => signDetached(data, identity.privateKeyArmored),
});

/** Every file of a bundle, by path (folder entries left out). */
export async function unzipAll(zip: Uint8Array): Promise<Map<string, Uint8Array>> {
  const loaded = await JSZip.loadAsync(zip);
  const out = new Map<string, Uint8Array>();
  for (const [name, entry] of Object.entries(loaded.files)) {
    if (!entry.dir) out.set(name, await entry.async('uint8array'));
  }
  return out;
}

/** Re-zips a bundle after `mutate` edits its files (how an attacker would alter one). */
export async function rezip(
  zip: Uint8Array,
  mutate: (files: Map<string, Uint8Array>) => void | Promise<void>,
): Promise<Uint8Array> {
  const files = await unzipAll(zip);
  await mutate(files);
  const out = new JSZip();
  for (const [name, data] of files)
    out.file(name, data, { createFolders: false, compression: 'DEFLATE' });
  return out.generateAsync({ type: 'uint8array' });
}

/** Replaces the SHA256SUMS line of `path` with the hash of its current bytes. */
export async function relist(files: Map<string, Uint8Array>, path: string): Promise<void> {
  const sums = new TextDecoder().decode(files.get('SHA256SUMS'));
  const hash = await sha256Hex(files.get(path) ?? new Uint8Array());
  const edited = sums.replace(
    new RegExp(`^[0-9a-f]{64}  ${path.replace(/\./g, '\\.')}$`, 'm'),
    `${hash}  ${path}`,
  );
  files.set('SHA256SUMS', utf8Encode(edited));
}

/** Runs our verifier on in-memory bytes. */
export const verifyBytes = (zip: Uint8Array): Promise<VerifyReport> =>
  verifyBundle(bytesSource(zip));

/** A freshly written, honest two-item bundle. */
export async function honestBundle(): Promise<Fixture> {
  const { input, identity } = await makeInput();
  const { writeBundle } = await import('../../../lib/bundle/write');
  return { zip: await writeBundle(input, signerFor(identity)), input, identity };
}

/** Path of a file of the first item. */
export const firstItemPath = (fx: Fixture, file: string): string =>
  `items/${fx.input.items[0]?.item.id ?? ''}/${file}`;

/** A classification as the vault page saves it (category and notes set). */
export const doxxingClassification = (notes = 'home address posted'): Classification => ({
  ...emptyClassification('2025-03-02T09:00:00.000Z'),
  category: 'doxxing',
  notes,
});

/**
 * Appends the 'annotated' custody event the vault writes when `classification` is saved for item
 * `index`; `attach` also gives the item that classification (false: the event alone).
 */
export async function annotate(
  input: BundleInput,
  index: number,
  classification: Classification,
  attach = true,
): Promise<void> {
  const entry = input.items[index];
  if (!entry) throw new Error(`no item ${index}`);
  const sha256 = await sha256Hex(utf8Encode(classificationJson(classification)));
  const itemId = entry.item.id;
  const prev = input.custodyLines[input.custodyLines.length - 1] ?? null;
  input.custodyLines.push(
    createEventLine(prev, {
      at: classification.updatedAt,
      type: 'annotated',
      itemId,
      details: { itemId, fields: ['category', 'notes'], sha256 },
    }).line,
  );
  if (attach) entry.classification = classification;
}
