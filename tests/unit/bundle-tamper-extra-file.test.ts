// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect, it } from 'vitest';
import { firstItemPath, honestBundle, rezip, verifyBytes } from './support/bundle-fixture';

it('rejects a bundle with a file added, naming it', async () => {
  const fx = await honestBundle();
  const path = firstItemPath(fx, 'planted.png');
  const zip = await rezip(fx.zip, (files) => void files.set(path, new Uint8Array([1, 2, 3])));
  const report = await verifyBytes(zip);
  expect(report.status).toBe('tampered');
  expect(report.errors).toContain(`${path} is in the archive but not listed in SHA256SUMS`);
  expect(report.files.find((f) => f.path === path)).toMatchObject({
    ok: false,
    problem: 'not listed in SHA256SUMS',
  });
});
