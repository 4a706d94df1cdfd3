// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect, it } from 'vitest';
import { firstItemPath, honestBundle, rezip, verifyBytes } from './support/bundle-fixture';

it('rejects a bundle with a file removed, naming it', async () => {
  const fx = await honestBundle();
  const path = firstItemPath(fx, 'page.html');
  const zip = await rezip(fx.zip, (files) => void files.delete(path));
  const report = await verifyBytes(zip);
  expect(report.status).toBe('tampered');
  expect(report.errors).toContain(`${path} is listed in SHA256SUMS but missing from the archive`);
  expect(report.files.find((f) => f.path === path)).toMatchObject({
    ok: false,
    problem: 'missing from the archive',
  });
});
