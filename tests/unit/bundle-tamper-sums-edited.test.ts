// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect, it } from 'vitest';
import { firstItemPath, honestBundle, relist, rezip, verifyBytes } from './support/bundle-fixture';

it('rejects a changed file whose SHA256SUMS line was edited to match: the signature breaks', async () => {
  const fx = await honestBundle();
  const path = firstItemPath(fx, 'screenshot.png');
  const zip = await rezip(fx.zip, async (files) => {
    const png = files.get(path);
    if (png) png[50] = (png[50] ?? 0) ^ 1;
    await relist(files, path);
  });
  const report = await verifyBytes(zip);
  expect(report.status).toBe('tampered');
  expect(report.checks.find((c) => c.id === 'hashes')?.ok).toBe(true);
  expect(report.errors).toContainEqual(
    expect.stringMatching(/^SHA256SUMS\.asc is not a good signature of SHA256SUMS/),
  );
  expect(report.errors).toContain(`manifest.json and SHA256SUMS disagree on ${path}`);
});
