// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect, it } from 'vitest';
import { utf8Encode } from '../../lib/crypto/index';
import { honestBundle, rezip, verifyBytes } from './support/bundle-fixture';

it('rejects a bundle whose custody log had a line changed', async () => {
  const fx = await honestBundle();
  const zip = await rezip(fx.zip, (files) => {
    const log = new TextDecoder().decode(files.get('custody-log.jsonl'));
    const lines = log.split('\n');
    lines[1] = (lines[1] ?? '').replace('2025-03-01T10:00:00.000Z', '2025-03-02T10:00:00.000Z');
    files.set('custody-log.jsonl', utf8Encode(lines.join('\n')));
  });
  const report = await verifyBytes(zip);
  expect(report.status).toBe('tampered');
  expect(report.errors).toContainEqual(
    expect.stringMatching(/^custody-log\.jsonl has been changed/),
  );
  expect(report.custody.ok).toBe(false);
  expect(report.errors.filter((e) => e.startsWith('custody log')).length).toBeGreaterThan(0);
});
