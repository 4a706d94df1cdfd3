// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect, it } from 'vitest';
import { firstItemPath, honestBundle, rezip, verifyBytes } from './support/bundle-fixture';

it('rejects a bundle with a file renamed, naming both names', async () => {
  const fx = await honestBundle();
  const from = firstItemPath(fx, 'screenshot.png');
  const to = firstItemPath(fx, 'screenshot-2.png');
  const zip = await rezip(fx.zip, (files) => {
    const data = files.get(from);
    files.delete(from);
    if (data) files.set(to, data);
  });
  const report = await verifyBytes(zip);
  expect(report.status).toBe('tampered');
  expect(report.errors).toContain(`${from} is listed in SHA256SUMS but renamed to ${to}`);
  expect(report.errors).toContain(`${to} is in the archive but renamed from ${from}`);
});
