// SPDX-License-Identifier: AGPL-3.0-or-later
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { fromHex, toHex } from '../bytes';
import { randomBytes } from '../random';
import { bufferOf, OID } from './certs';

const HEX64 = /^[0-9a-f]{64}$/i;

/** Status of a TimeStampResp (RFC 3161 §2.4.2): 0 granted, 1 granted with modifications. */
export interface TimestampResponse {
  status: number;
  /** `granted`, `grantedWithMods`, `rejection`, `waiting`, `revocationWarning`, `revocationNotification`. */
  statusText: string;
  /** The authority's own words, when it gave any (e.g. why it refused). */
  statusStrings: string[];
  /** DER TimeStampToken (a CMS ContentInfo), exactly as it appears inside the response. */
  token?: Uint8Array;
}

const STATUS_TEXT = [
  'granted',
  'grantedWithMods',
  'rejection',
  'waiting',
  'revocationWarning',
  'revocationNotification',
];

/** A fresh 64-bit nonce as minimal positive INTEGER hex (first byte 01..7f, so DER needs no pad). */
export function randomNonceHex(): string {
  const bytes = randomBytes(8);
  bytes[0] = (bytes[0]! % 0x7f) + 1;
  return toHex(bytes);
}

function nonceBytes(hex: string): Uint8Array {
  if (!/^[0-9a-f]+$/i.test(hex)) throw new TypeError('nonce must be hex');
  let digits = hex.toLowerCase().replace(/^0+(?=.)/, '');
  if (digits.length % 2 === 1) digits = `0${digits}`;
  // A leading byte ≥ 0x80 would read as negative: DER puts a zero byte before it.
  return fromHex(parseInt(digits.slice(0, 2), 16) >= 0x80 ? `00${digits}` : digits);
}

/**
 * DER TimeStampReq (RFC 3161 §2.4.1) for a SHA-256 hash: version 1, certReq true (so the token
 * carries the authority's certificate) and a nonce (random unless given, as hex).
 */
export function createTimestampRequest(options: { sha256Hex: string; nonce?: string }): Uint8Array {
  const unknown = Object.keys(options).filter((k) => k !== 'sha256Hex' && k !== 'nonce');
  if (unknown.length > 0) throw new TypeError(`unknown option ${unknown.join(', ')}`);
  if (!HEX64.test(options.sha256Hex)) throw new TypeError('sha256Hex must be 64 hex digits');
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: OID.sha256,
        algorithmParams: new asn1js.Null(),
      }),
      hashedMessage: new asn1js.OctetString({ valueHex: bufferOf(fromHex(options.sha256Hex)) }),
    }),
    nonce: new asn1js.Integer({
      valueHex: bufferOf(nonceBytes(options.nonce ?? randomNonceHex())),
    }),
    certReq: true,
  });
  return new Uint8Array(request.toSchema().toBER(false));
}

/** Reads a DER TimeStampResp; throws TypeError when it is not one. */
export function parseTimestampResponse(der: Uint8Array): TimestampResponse {
  const parsed = asn1js.fromBER(bufferOf(der));
  if (parsed.offset === -1 || parsed.offset !== der.length)
    throw new TypeError('not a DER TimeStampResp (bad or trailing bytes)');
  const response = new pkijs.TimeStampResp({ schema: parsed.result });
  const status = response.status.status;
  const statusStrings = (response.status.statusStrings ?? []).map((s) => s.valueBlock.value);
  // The token's own bytes, not a re-encoding: the signature covers what the authority wrote.
  const children = (parsed.result as asn1js.Sequence).valueBlock.value;
  const raw = children[1]?.valueBeforeDecodeView;
  return {
    status,
    statusText: STATUS_TEXT[status] ?? `unknown status ${status}`,
    statusStrings,
    token: raw ? new Uint8Array(raw) : undefined,
  };
}
