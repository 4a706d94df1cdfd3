// SPDX-License-Identifier: AGPL-3.0-or-later
import * as pkijs from 'pkijs';
import { bytesEqual, fromHex, toHex } from '../bytes';
import {
  bufferOf,
  certificateDer,
  engine,
  integerHex,
  isSelfIssued,
  nameToString,
  OID,
  parseCertificate,
} from './certs';
import { checkSignerCertificate, checkSignerInfo } from './signer';

export interface TimestampVerifyOptions {
  /** DER TimeStampToken (CMS ContentInfo), e.g. `parseTimestampResponse(der).token`. */
  token: Uint8Array;
  /** The SHA-256 the token must be for (lower- or upper-case hex). */
  sha256Hex: string;
  /** DER roots the caller trusts; without one the chain cannot be checked and `ok` is false. */
  trustedCerts?: Uint8Array[];
  /** DER intermediates (untrusted) that may complete the chain. */
  certs?: Uint8Array[];
  /** The nonce of the request, as hex, when the caller still knows it. */
  nonce?: string;
}

export interface TimestampVerification {
  ok: boolean;
  /** When the authority says it saw the hash, UTC ISO 8601. */
  genTime?: string;
  /** Subject of the certificate that signed the token. */
  tsaName?: string;
  /** Serial number of the token, hex. */
  serial?: string;
  /** The authority's policy OID. */
  policy?: string;
  /** The validated path, signer first, root last (DER), when the chain was checked and holds. */
  chain?: Uint8Array[];
  errors: string[];
}

const OPTION_KEYS = new Set(['token', 'sha256Hex', 'trustedCerts', 'certs', 'nonce']);

function parseAll(
  ders: readonly Uint8Array[],
  what: string,
  errors: string[],
): pkijs.Certificate[] {
  const out: pkijs.Certificate[] = [];
  for (const der of ders) {
    try {
      out.push(parseCertificate(der));
    } catch {
      errors.push(`a ${what} certificate is not a readable DER X.509 certificate`);
    }
  }
  return out;
}

function readToken(token: Uint8Array): {
  signed: pkijs.SignedData;
  tst: pkijs.TSTInfo;
  content: Uint8Array;
} {
  const info = pkijs.ContentInfo.fromBER(bufferOf(token));
  if (info.contentType !== OID.signedData) throw new TypeError('the token is not CMS SignedData');
  const signed = new pkijs.SignedData({ schema: info.content });
  const { eContentType, eContent } = signed.encapContentInfo;
  if (eContentType !== OID.tstInfo || !eContent)
    throw new TypeError('the token does not hold a TSTInfo');
  const content = new Uint8Array(eContent.getValue());
  return { signed, tst: pkijs.TSTInfo.fromBER(bufferOf(content)), content };
}

async function checkChain(
  signer: pkijs.Certificate,
  pool: pkijs.Certificate[],
  trusted: pkijs.Certificate[],
  at: Date,
): Promise<{ errors: string[]; chain?: Uint8Array[] }> {
  if (trusted.length === 0)
    return { errors: ['the certificate chain was not checked: no trusted root was given'] };
  const roots = trusted.filter(isSelfIssued);
  const validation = new pkijs.CertificateChainValidationEngine({
    trustedCerts: roots.length > 0 ? roots : trusted,
    certs: [...pool, signer],
    checkDate: at,
  });
  const result = await validation.verify({}, engine).catch((e: unknown) => ({
    result: false,
    resultMessage:
      e instanceof Error
        ? e.message
        : String((e as { resultMessage?: unknown })?.resultMessage ?? e),
    certificatePath: undefined,
  }));
  if (!result.result)
    return {
      errors: [
        `the authority's certificate does not chain to the trusted root (${result.resultMessage})`,
      ],
    };
  return { errors: [], chain: result.certificatePath?.map(certificateDer) };
}

/**
 * Verifies an RFC 3161 token for a SHA-256 hash: the message imprint is that hash, the CMS
 * signature over the TSTInfo verifies with the authority's certificate (named by its ESS
 * signing-certificate attribute), that certificate has the critical id-kp-timeStamping extended
 * key usage and chains, at genTime, to one of `trustedCerts`; and the nonce, if given, matches.
 * Never throws for bad input: every problem is one sentence in `errors`.
 */
export async function verifyTimestampToken(
  options: TimestampVerifyOptions,
): Promise<TimestampVerification> {
  const unknown = Object.keys(options).filter((k) => !OPTION_KEYS.has(k));
  if (unknown.length > 0) throw new TypeError(`unknown option ${unknown.join(', ')}`);
  const errors: string[] = [];
  if (!/^[0-9a-f]{64}$/i.test(options.sha256Hex))
    return { ok: false, errors: ['the expected hash is not 64 hex digits'] };
  let parts: ReturnType<typeof readToken>;
  try {
    parts = readToken(options.token);
  } catch (e) {
    const why = e instanceof TypeError ? e.message : 'malformed ASN.1';
    return { ok: false, errors: [`not a readable RFC 3161 timestamp token (${why})`] };
  }
  const { signed, tst, content } = parts;
  const result: TimestampVerification = {
    ok: false,
    genTime: tst.genTime.toISOString(),
    serial: integerHex(tst.serialNumber),
    policy: tst.policy,
    errors,
  };
  const imprint = tst.messageImprint;
  if (imprint.hashAlgorithm.algorithmId !== OID.sha256)
    errors.push(`the token timestamps a ${imprint.hashAlgorithm.algorithmId} hash, not SHA-256`);
  const hashed = imprint.hashedMessage.valueBlock.valueHexView;
  if (!bytesEqual(hashed, fromHex(options.sha256Hex)))
    errors.push(`the token is for hash ${toHex(hashed)}, not ${options.sha256Hex.toLowerCase()}`);
  if (options.nonce !== undefined) {
    const expected = options.nonce.toLowerCase().replace(/^0+(?=.)/, '');
    // INTEGER encodings may carry a leading zero octet: compare the numbers, not the digits.
    const got = tst.nonce ? integerHex(tst.nonce).replace(/^0+(?=.)/, '') : undefined;
    if (got !== expected)
      errors.push(`the token's nonce ${got ?? '(none)'} is not ours (${expected})`);
  }
  const trusted = parseAll(options.trustedCerts ?? [], 'trusted', errors);
  const extra = parseAll(options.certs ?? [], 'chain', errors);
  const embedded = (signed.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  const pool = [...embedded, ...extra, ...trusted];
  const signer = await checkSignerInfo(signed, content, pool, errors);
  if (signer) {
    result.tsaName = nameToString(signer.subject);
    errors.push(...checkSignerCertificate(signer));
    const chain = await checkChain(signer, [...embedded, ...extra], trusted, tst.genTime);
    errors.push(...chain.errors);
    result.chain = chain.chain;
  }
  result.ok = errors.length === 0;
  return result;
}
