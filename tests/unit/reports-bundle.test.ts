// SPDX-License-Identifier: AGPL-3.0-or-later
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { writeBundle } from '../../lib/bundle/write';
import type { BundleManifest } from '../../lib/bundle/manifest';
import { sha256Hex, utf8Encode } from '../../lib/crypto/index';
import { emptyClassification } from '../../lib/model/classification';
import { classificationJson } from '../../lib/model/classification-json';
import { annotate, makeInput, signerFor, verifyBytes } from './support/bundle-fixture';

describe('classification and platform pack inside a bundle', () => {
  it('writes items/<id>/classification.json and notices/, listed and signed; the bundle verifies', async () => {
    const { input, identity } = await makeInput({ items: 2 });
    const classification = {
      ...emptyClassification('2025-03-02T09:00:00.000Z'),
      category: 'doxxing' as const,
      notes: 'home address posted',
    };
    // As the vault saves it: the file and the 'annotated' event recording its hash.
    await annotate(input, 0, classification);
    input.notices = [
      { path: 'notices/x-escalation.csv', mediaType: 'text/csv; charset=utf-8', text: 'a,b\r\n' },
    ];
    const zip = await writeBundle(input, signerFor(identity));
    const report = await verifyBytes(zip);
    expect(report.errors).toEqual([]);
    expect(report.status).toBe('intact');

    const archive = await JSZip.loadAsync(zip);
    const id = input.items[0]!.item.id;
    const path = `items/${id}/classification.json`;
    const bytes = await archive.file(path)!.async('uint8array');
    expect(new TextDecoder().decode(bytes)).toBe(classificationJson(classification));
    const manifest = JSON.parse(
      await archive.file('manifest.json')!.async('string'),
    ) as BundleManifest;
    const entry = manifest.files.find((f) => f.path === path);
    expect(entry).toMatchObject({ role: 'classification', sha256: await sha256Hex(bytes) });
    expect(manifest.files.find((f) => f.path === 'notices/x-escalation.csv')?.role).toBe(
      'platform-notice',
    );
    const sums = await archive.file('SHA256SUMS')!.async('string');
    expect(sums).toContain(`${await sha256Hex(bytes)}  ${path}\n`);
    expect(sums).toContain(`${await sha256Hex(utf8Encode('a,b\r\n'))}  notices/x-escalation.csv\n`);
    // The second item has no classification and gets no file.
    expect(archive.file(`items/${input.items[1]!.item.id}/classification.json`)).toBeNull();
  }, 60_000);

  it('refuses notice paths outside notices/', async () => {
    const { input, identity } = await makeInput({ items: 1 });
    input.notices = [{ path: 'items/x/evil.csv', mediaType: 'text/csv', text: '' }];
    await expect(writeBundle(input, signerFor(identity))).rejects.toThrow(/notice path/);
  }, 60_000);
});
