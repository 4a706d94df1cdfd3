// SPDX-License-Identifier: AGPL-3.0-or-later
import { readSignature } from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import { armorSignature, dearmorSignatureStrict } from '../../lib/crypto/armor';
import { generateIdentity, signDetached, verifyDetached, type Identity } from '../../lib/crypto';

const DATA = new TextEncoder().encode('0000  SHA256SUMS line\n');

describe('canonical signature armor', () => {
  let id: Identity;
  let sig: string;
  beforeAll(async () => {
    id = await generateIdentity({ name: 'Armor Test' });
    sig = await signDetached(DATA, id.privateKeyArmored);
  });

  it('is what openpgp.js itself writes, so GnuPG reads it as before', async () => {
    const parsed = await readSignature({ armoredSignature: sig });
    expect(parsed.armor()).toBe(sig);
    expect(armorSignature(dearmorSignatureStrict(sig))).toBe(sig);
    expect(
      (
        await verifyDetached({
          data: DATA,
          signatureArmored: sig,
          publicKeyArmored: id.publicKeyArmored,
        })
      ).valid,
    ).toBe(true);
  });

  const flip = (text: string, index: number, bit: number) =>
    text.slice(0, index) +
    String.fromCharCode(text.charCodeAt(index) ^ (1 << bit)) +
    text.slice(index + 1);

  it('refuses an edited checksum, a stray character, a changed line break and trailing text', async () => {
    const crcAt = sig.indexOf('\n=') + 2;
    const breakAt = sig.indexOf('\n', sig.indexOf('\n\n') + 2);
    const variants = {
      checksum: flip(sig, crcAt, 1),
      stray: flip(sig, breakAt, 5),
      crlf: sig.replace(/\n/g, '\r\n'),
      trailing: `${sig}junk\n`,
      header: sig.replace('\n\n', '\nVersion: x\n\n'),
    };
    for (const [name, text] of Object.entries(variants)) {
      const result = await verifyDetached({
        data: DATA,
        signatureArmored: text,
        publicKeyArmored: id.publicKeyArmored,
      });
      expect(result.valid, name).toBe(false);
      expect(result.error, name).toMatch(/signature file/);
    }
  });

  it('refuses every single-bit change of every byte of the file', async () => {
    let accepted = 0;
    for (let i = 0; i < sig.length; i++) {
      const text = flip(sig, i, i % 7);
      const result = await verifyDetached({
        data: DATA,
        signatureArmored: text,
        publicKeyArmored: id.publicKeyArmored,
      });
      if (result.valid) accepted++;
    }
    expect(accepted).toBe(0);
  });
});
