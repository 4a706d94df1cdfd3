// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect, it } from 'vitest';
import { firstItemPath, honestBundle, rezip, verifyBytes } from './support/bundle-fixture';

it('rejects a bundle whose screenshot had one byte changed', async () => {
  const fx = await honestBundle();
  const path = firstItemPath(fx, 'screenshot.png');
  const zip = await rezip(fx.zip, (files) => {
    const png = files.get(path);
    if (png) png[100] = (png[100] ?? 0) ^ 0xff;
  });
  const report = await verifyBytes(zip);
  expect(report.status).toBe('tampered');
  expect(report.errors).toContainEqual(
    expect.stringMatching(new RegExp(`^${path} has been changed`)),
  );
  expect(report.files.find((f) => f.path === path)).toMatchObject({
    ok: false,
    problem: 'hash mismatch',
  });
  expect(report.checks.find((c) => c.id === 'signature')?.ok).toBe(true);
});
