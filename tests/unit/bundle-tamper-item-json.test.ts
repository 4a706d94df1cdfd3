// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect, it } from 'vitest';
import { utf8Encode } from '../../lib/crypto/index';
import type { ItemJson } from '../../lib/model/item';
import { firstItemPath, honestBundle, rezip, verifyBytes } from './support/bundle-fixture';

it('rejects a bundle whose item.json had an artifact hash changed', async () => {
  const fx = await honestBundle();
  const path = firstItemPath(fx, 'item.json');
  const forged = 'f'.repeat(64);
  const zip = await rezip(fx.zip, (files) => {
    const item = JSON.parse(new TextDecoder().decode(files.get(path))) as ItemJson;
    const first = item.files[0];
    if (first) first.sha256 = forged;
    files.set(path, utf8Encode(JSON.stringify(item, null, 2) + '\n'));
  });
  const report = await verifyBytes(zip);
  expect(report.status).toBe('tampered');
  expect(report.errors).toContainEqual(
    expect.stringMatching(new RegExp(`^${path} has been changed`)),
  );
  expect(report.errors).toContainEqual(
    expect.stringMatching(/is not what the custody log recorded at capture/),
  );
  expect(report.errors).toContainEqual(
    expect.stringContaining(`item.json records SHA-256 ${forged}`),
  );
});
