// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect, it } from 'vitest';
import { generateIdentity, signDetached, utf8Encode } from '../../lib/crypto/index';
import { honestBundle, relist, rezip, verifyBytes } from './support/bundle-fixture';

it('rejects SHA256SUMS re-signed by another key shipped as collector-key.asc', async () => {
  const fx = await honestBundle();
  const mallory = await generateIdentity({ name: 'Mallory' });
  const zip = await rezip(fx.zip, async (files) => {
    files.set('collector-key.asc', utf8Encode(mallory.publicKeyArmored));
    await relist(files, 'collector-key.asc');
    const sums = files.get('SHA256SUMS') ?? new Uint8Array();
    files.set('SHA256SUMS.asc', utf8Encode(await signDetached(sums, mallory.privateKeyArmored)));
  });
  const report = await verifyBytes(zip);
  expect(report.status).toBe('tampered');
  // The signature itself is good; what gives it away is whose key made it.
  expect(report.checks.find((c) => c.id === 'signature')?.ok).toBe(true);
  expect(report.fingerprint).toBe(mallory.fingerprint);
  expect(report.errors).toContain(
    `the signing key ${mallory.fingerprint} is not the collector ${fx.identity.fingerprint} named in manifest.json`,
  );
  expect(report.errors).toContain('manifest.json and SHA256SUMS disagree on collector-key.asc');
});
