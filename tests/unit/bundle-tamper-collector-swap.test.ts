// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect, it } from 'vitest';
import { generateIdentity, signDetached, utf8Encode } from '../../lib/crypto/index';
import { honestBundle, relist, rezip, verifyBytes } from './support/bundle-fixture';

it('rejects a bundle re-signed and re-attributed to another key when item.json still names the real collector', async () => {
  const fx = await honestBundle();
  const mallory = await generateIdentity({ name: 'Mallory' });
  const zip = await rezip(fx.zip, async (files) => {
    // The forger swaps the key, rewrites the manifest's collector and re-signs: everything a
    // stock-tools check looks at is consistent; only the items still name the real collector.
    files.set('collector-key.asc', utf8Encode(mallory.publicKeyArmored));
    const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as {
      collector: { name: string; fingerprint: string };
    };
    manifest.collector = { name: 'Mallory', fingerprint: mallory.fingerprint };
    files.set('manifest.json', utf8Encode(JSON.stringify(manifest, null, 2)));
    await relist(files, 'collector-key.asc');
    await relist(files, 'manifest.json');
    const sums = files.get('SHA256SUMS') ?? new Uint8Array();
    files.set('SHA256SUMS.asc', utf8Encode(await signDetached(sums, mallory.privateKeyArmored)));
  });
  const report = await verifyBytes(zip);
  expect(report.status).toBe('tampered');
  expect(report.checks.find((c) => c.id === 'signature')?.ok).toBe(true);
  expect(report.checks.find((c) => c.id === 'items')?.ok).toBe(false);
  expect(report.errors.join('\n')).toContain(
    `names collector key ${fx.identity.fingerprint}, not the bundle's signer`,
  );
});
