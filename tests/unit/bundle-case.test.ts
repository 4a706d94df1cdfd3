// SPDX-License-Identifier: AGPL-3.0-or-later
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { manifestShapeErrors, type BundleManifest } from '../../lib/bundle/manifest';
import { writeBundle } from '../../lib/bundle/write';
import { makeInput, signerFor, verifyBytes } from './support/bundle-fixture';

const readManifest = async (zip: Uint8Array) =>
  JSON.parse(
    await (await JSZip.loadAsync(zip)).file('manifest.json')!.async('string'),
  ) as BundleManifest;

describe('the case in manifest.json', () => {
  it('carries { id, title, tlp } when exported from a case; the bundle verifies', async () => {
    const { input, identity } = await makeInput({ items: 1 });
    const zip = await writeBundle(
      { ...input, case: { id: 'c0ffee', title: 'Campagne contre Ana', tlp: 'AMBER+STRICT' } },
      signerFor(identity),
    );
    expect((await readManifest(zip)).case).toEqual({
      id: 'c0ffee',
      title: 'Campagne contre Ana',
      tlp: 'AMBER+STRICT',
    });
    const report = await verifyBytes(zip);
    expect(report.errors).toEqual([]);
    expect(report.status).toBe('intact');
  }, 60_000);

  it('is absent without a case, and a malformed one is reported', async () => {
    const { input, identity } = await makeInput({ items: 1 });
    const manifest = await readManifest(await writeBundle(input, signerFor(identity)));
    expect('case' in manifest).toBe(false);
    expect(manifestShapeErrors(manifest)).toEqual([]);
    expect(manifestShapeErrors({ ...manifest, case: { id: 1 } })).toEqual([
      'manifest.json case is malformed',
    ]);
  }, 60_000);
});
