// SPDX-License-Identifier: AGPL-3.0-or-later
// RFC 3161 tokens from a local `openssl ts` authority, checked by our verifier and by openssl.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex, utf8Encode } from '../../lib/crypto/index';
import { checkSignerCertificate } from '../../lib/crypto/tsp/signer';
import { parseCertificate } from '../../lib/crypto/tsp/certs';
import {
  createTimestampRequest,
  parseTimestampResponse,
  verifyTimestampToken,
} from '../../lib/crypto/timestamp';
import { createAuthority, opensslVerifies, type Authority } from './support/tsa-fixture';

describe('RFC 3161 tokens', () => {
  let work: string;
  let trusted: Authority;
  let other: Authority;
  let hash: string;
  let tsr: Uint8Array;
  let tsrFile: string;

  const tokenOf = (der: Uint8Array): Uint8Array => {
    const parsed = parseTimestampResponse(der);
    expect(parsed.statusText).toBe('granted');
    return parsed.token ?? new Uint8Array();
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'attest-tsp-'));
    trusted = createAuthority(join(work, 'a'), 'Trusted', { tsaKey: 'rsa' });
    other = createAuthority(join(work, 'b'), 'Other', { tsaKey: 'ec' });
    hash = await sha256Hex(utf8Encode('a captured line'));
    tsr = await trusted.reply(createTimestampRequest({ sha256Hex: hash, nonce: '1234abcd' }));
    tsrFile = join(work, 'good.tsr');
    writeFileSync(tsrFile, tsr);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('builds a request openssl reads: SHA-256 imprint, nonce, certReq', () => {
    const q = join(work, 'q.tsq');
    writeFileSync(q, createTimestampRequest({ sha256Hex: hash, nonce: '0badc0de' }));
    const text = execFileSync('openssl', ['ts', '-query', '-in', q, '-text'], { encoding: 'utf8' });
    expect(text).toMatch(/Hash Algorithm: sha256/);
    const hex = text.replace(/[\s-]/g, '').toLowerCase();
    expect(hex).toContain(hash.slice(0, 32));
    expect(hex).toContain(hash.slice(32));
    expect(text).toMatch(/Nonce: 0x0BADC0DE/i);
    expect(text).toMatch(/Certificate required: yes/);
  });

  it('verifies a token for our hash, with our verifier and with openssl ts -verify', async () => {
    const result = await verifyTimestampToken({
      token: tokenOf(tsr),
      sha256Hex: hash,
      trustedCerts: [trusted.rootDer],
      nonce: '1234abcd',
    });
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(Math.abs(Date.parse(result.genTime ?? '') - Date.now())).toBeLessThan(120_000);
    expect(result.tsaName).toBe('CN=Trusted TSA, O=Attest tests');
    expect(result.policy).toBe('1.3.6.1.4.1.99999.1');
    expect(result.serial).toMatch(/^[0-9a-f]+$/);
    expect(result.chain).toHaveLength(2);
    expect(await opensslVerifies({ tsrFile, digestHex: hash, caFile: trusted.rootFile })).toBe(
      true,
    );
  });

  it('rejects a token for a different hash, as openssl does', async () => {
    const otherHash = await sha256Hex(utf8Encode('another line'));
    const result = await verifyTimestampToken({
      token: tokenOf(tsr),
      sha256Hex: otherHash,
      trustedCerts: [trusted.rootDer],
    });
    expect(result.ok).toBe(false);
    expect(result.errors.join(' ')).toMatch(/is for hash [0-9a-f]{64}, not/);
    expect(await opensslVerifies({ tsrFile, digestHex: otherHash, caFile: trusted.rootFile })).toBe(
      false,
    );
  });

  it('rejects a token signed by another authority than the trusted root', async () => {
    const foreign = await other.reply(createTimestampRequest({ sha256Hex: hash }));
    const foreignFile = join(work, 'foreign.tsr');
    writeFileSync(foreignFile, foreign);
    const result = await verifyTimestampToken({
      token: tokenOf(foreign),
      sha256Hex: hash,
      trustedCerts: [trusted.rootDer],
    });
    expect(result.ok).toBe(false);
    expect(result.errors.join(' ')).toMatch(/does not chain to the trusted root/);
    expect(
      await opensslVerifies({ tsrFile: foreignFile, digestHex: hash, caFile: trusted.rootFile }),
    ).toBe(false);
    // Positive control: the same token is good against its own root (EC signer).
    const own = await verifyTimestampToken({
      token: tokenOf(foreign),
      sha256Hex: hash,
      trustedCerts: [other.rootDer],
    });
    expect(own.errors).toEqual([]);
  });

  it('rejects a token with one byte changed in the signed TSTInfo or in the signature', async () => {
    const token = tokenOf(tsr);
    const genTime = new TextEncoder().encode(
      (await verifyTimestampToken({ token, sha256Hex: hash })).genTime?.slice(0, 4) ?? '',
    );
    const at = Buffer.from(token).indexOf(Buffer.from(genTime));
    expect(at).toBeGreaterThan(0);
    const altered = new Uint8Array(token);
    altered[at + 3] = altered[at + 3]! ^ 1; // the year of genTime
    const a = await verifyTimestampToken({
      token: altered,
      sha256Hex: hash,
      trustedCerts: [trusted.rootDer],
    });
    expect(a.ok).toBe(false);
    expect(a.errors.join(' ')).toMatch(/altered content/);
    const sigFlip = new Uint8Array(token);
    sigFlip[sigFlip.length - 10] = sigFlip[sigFlip.length - 10]! ^ 0x40;
    const b = await verifyTimestampToken({
      token: sigFlip,
      sha256Hex: hash,
      trustedCerts: [trusted.rootDer],
    });
    expect(b.ok).toBe(false);
    expect(b.errors.join(' ')).toMatch(/signature over the token does not verify/);
    const file = join(work, 'flipped.tsr');
    const response = new Uint8Array(tsr);
    response.set(altered, tsr.length - token.length);
    writeFileSync(file, response);
    expect(
      await opensslVerifies({ tsrFile: file, digestHex: hash, caFile: trusted.rootFile }),
    ).toBe(false);
  });

  it('matches a nonce whose first octet is below 0x10 (the authority drops its leading zero)', async () => {
    const nonce = '0a5a159c5e74a246';
    const reply = await trusted.reply(createTimestampRequest({ sha256Hex: hash, nonce }));
    const result = await verifyTimestampToken({
      token: tokenOf(reply),
      sha256Hex: hash,
      trustedCerts: [trusted.rootDer],
      nonce,
    });
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('rejects a wrong nonce, a missing root and garbage', async () => {
    const token = tokenOf(tsr);
    const nonce = await verifyTimestampToken({
      token,
      sha256Hex: hash,
      trustedCerts: [trusted.rootDer],
      nonce: '99',
    });
    expect(nonce.errors.join(' ')).toMatch(/nonce 1234abcd is not ours/);
    const noRoot = await verifyTimestampToken({ token, sha256Hex: hash });
    expect(noRoot.ok).toBe(false);
    expect(noRoot.errors).toEqual([
      'the certificate chain was not checked: no trusted root was given',
    ]);
    const junk = await verifyTimestampToken({ token: utf8Encode('junk'), sha256Hex: hash });
    expect(junk.ok).toBe(false);
    expect(() => parseTimestampResponse(utf8Encode('junk'))).toThrow(TypeError);
  });

  it('requires a critical extended key usage of timeStamping only', () => {
    expect(checkSignerCertificate(parseCertificate(trusted.tsaDer))).toEqual([]);
    const make = (ext: string): string[] => {
      const dir = mkdtempSync(join(work, 'eku-'));
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:P-256',
          '-nodes',
          '-keyout',
          join(dir, 'k'),
          '-out',
          join(dir, 'c'),
          '-subj',
          '/CN=x',
          '-outform',
          'DER',
          '-addext',
          ext,
        ],
        { stdio: 'pipe' },
      );
      return checkSignerCertificate(parseCertificate(new Uint8Array(readFileSync(join(dir, 'c')))));
    };
    expect(make('extendedKeyUsage=timeStamping').join(' ')).toMatch(/not marked critical/);
    expect(make('extendedKeyUsage=critical,timeStamping,codeSigning').join(' ')).toMatch(
      /not for timestamping only/,
    );
    expect(make('keyUsage=digitalSignature').join(' ')).toMatch(/lacks the extended key usage/);
  });
});
