// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { generateIdentity, signDetached } from '../../lib/crypto/index';
import { ExportError } from '../../lib/bundle/errors';
import { writeBundle } from '../../lib/bundle/write';
import { makeInput, signerFor } from './support/bundle-fixture';

describe('the writer fails closed', () => {
  it('throws and returns nothing when signing throws', async () => {
    const { input } = await makeInput({ items: 1 });
    let result: Uint8Array | undefined;
    const attempt = writeBundle(input, {
      sign: () => Promise.reject(new Error('vault locked')),
    }).then((r) => (result = r));
    await expect(attempt).rejects.toThrow(ExportError);
    await expect(attempt).rejects.toThrow(/signing failed \(vault locked\)/);
    expect(result).toBeUndefined();
  });

  it('throws when signing returns nothing', async () => {
    const { input } = await makeInput({ items: 1 });
    await expect(writeBundle(input, { sign: () => Promise.resolve('') })).rejects.toThrow(
      /signing returned no signature/,
    );
  });

  it('throws when the signature is by a key other than the collector', async () => {
    const { input } = await makeInput({ items: 1 });
    const other = await generateIdentity({ name: 'Other' });
    const sign = (data: Uint8Array) => signDetached(data, other.privateKeyArmored);
    await expect(writeBundle(input, { sign })).rejects.toThrow(
      /does not verify with the collector key/,
    );
  });

  it('throws when an artifact no longer matches the hash recorded at capture', async () => {
    const { input, identity } = await makeInput({ items: 1 });
    const file = input.items[0]?.files[0];
    if (file) file.bytes[20] = (file.bytes[20] ?? 0) ^ 1;
    await expect(writeBundle(input, signerFor(identity))).rejects.toThrow(
      /does not match the SHA-256 recorded at capture/,
    );
  });

  it('throws on an unsafe path', async () => {
    const { input, identity } = await makeInput({ items: 1 });
    const entry = input.items[0];
    if (entry?.item.files[0] && entry.files[0]) {
      entry.item.files[0].path = '../escape.png';
      entry.files[0].path = '../escape.png';
    }
    await expect(writeBundle(input, signerFor(identity))).rejects.toThrow(/unsafe path/);
  });

  it('throws on a broken custody chain', async () => {
    const { input, identity } = await makeInput({ items: 1 });
    input.custodyLines = [...input.custodyLines].reverse();
    await expect(writeBundle(input, signerFor(identity))).rejects.toThrow(/custody log is broken/);
  });
});
