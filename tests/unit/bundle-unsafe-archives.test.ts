// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../lib/bundle/source';
import { verifyBundle, type VerifyDeps } from '../../lib/bundle/verify';
import { buildRawZip, type RawEntry } from './support/raw-zip';

const text = (s: string) => new TextEncoder().encode(s);

async function refusal(entries: RawEntry[] | Uint8Array, deps?: VerifyDeps): Promise<string> {
  const zip = entries instanceof Uint8Array ? entries : buildRawZip(entries);
  const report = await verifyBundle(bytesSource(zip), deps);
  expect(report.status).toBe('unreadable');
  expect(report.errors).toHaveLength(1);
  return report.errors[0] ?? '';
}

describe('unsafe archives are refused as unreadable', () => {
  it.each([
    ['../evil', /unsafe entry name "\.\.\/evil": contains a "\.\." segment/],
    ['items/../../evil', /contains a "\.\." segment/],
    ['/etc/passwd', /unsafe entry name "\/etc\/passwd": absolute path/],
    ['items\\evil.txt', /contains a backslash/],
    ['C:/evil.txt', /starts with a drive letter/],
    ['items//evil.txt', /contains an empty segment/],
    ['items/./evil.txt', /contains a "\." segment/],
    ['items/evil file.txt', /characters outside/],
  ])('name %s', async (name, message) => {
    expect(
      await refusal([
        { name: 'README.txt', data: text('x') },
        { name, data: text('x') },
      ]),
    ).toMatch(message);
  });

  it('duplicate names', async () => {
    const entries = [
      { name: 'a.txt', data: text('1') },
      { name: 'a.txt', data: text('2') },
    ];
    expect(await refusal(entries)).toMatch(/duplicate entry name "a\.txt"/);
  });

  it('names that collide on case-insensitive file systems', async () => {
    expect(await refusal([{ name: 'a.txt' }, { name: 'A.txt' }])).toMatch(
      /"a\.txt" and "A\.txt" collide/,
    );
  });

  it('an oversize declared entry', async () => {
    const entries = [{ name: 'big.bin', data: text('x'), deflate: true, declaredSize: 2 ** 31 }];
    expect(await refusal(entries)).toMatch(/"big\.bin" declares 2147483648 bytes, past the limit/);
  });

  it('a zip bomb by compression ratio', async () => {
    const entries = [{ name: 'bomb.bin', data: new Uint8Array(8 * 2 ** 20), deflate: true }];
    expect(await refusal(entries)).toMatch(
      /"bomb\.bin" has a suspicious compression ratio \(\d+:1, zip bomb\?\)/,
    );
  });

  it('an entry that inflates past its declared size, stopped while inflating', async () => {
    const entries = [
      { name: 'liar.bin', data: new Uint8Array(2 * 2 ** 20), deflate: true, declaredSize: 1000 },
    ];
    expect(await refusal(entries)).toMatch(/"liar\.bin" inflates past its declared 1000 bytes/);
  });

  it('too many entries', async () => {
    const entries = ['a', 'b', 'c', 'd'].map((name) => ({ name }));
    expect(await refusal(entries, { limits: { maxEntries: 3 } })).toMatch(
      /too many entries \(4, limit 3\)/,
    );
  });

  it('encrypted entries', async () => {
    expect(await refusal([{ name: 'secret.txt', data: text('x'), flags: 1 }])).toMatch(
      /"secret\.txt" is encrypted/,
    );
  });

  it('symlink entries', async () => {
    expect(
      await refusal([{ name: 'link', data: text('/etc/passwd'), unixMode: 0o120777 }]),
    ).toMatch(/"link" is a symbolic link/);
  });

  it('a local header name that differs from the central directory', async () => {
    const entries = [{ name: 'SHA256SUMS', localName: '../evil', data: text('x') }];
    expect(await refusal(entries)).toMatch(
      /local header name "\.\.\/evil" differs from central directory name "SHA256SUMS"/,
    );
  });

  it('something that is not a ZIP at all', async () => {
    expect(
      await refusal(text('this is not a zip file, just some text that is long enough')),
    ).toMatch(/not a ZIP archive/);
  });

  it('a truncated archive', async () => {
    const zip = buildRawZip([{ name: 'a.txt', data: text('hello world') }]);
    expect(await refusal(zip.subarray(10))).toMatch(/unreadable or unsafe archive/);
  });

  it('accepts a plain well-formed archive as readable (then tampered: it is not a bundle)', async () => {
    const report = await verifyBundle(
      bytesSource(buildRawZip([{ name: 'items/a.txt', data: text('x'), deflate: true }])),
    );
    expect(report.status).toBe('tampered');
    expect(report.errors).toContain('SHA256SUMS is missing from the bundle root');
  });
});
