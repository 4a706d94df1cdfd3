// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  certificatesToPem,
  createTimestampRequest,
  parseTimestampResponse,
  randomNonceHex,
  verifyTimestampToken,
} from '../crypto/timestamp';

/** A request the authority refused, or a reply that is not a good token for our hash. */
export class TimestampError extends Error {
  override name = 'TimestampError';
}

export interface TimestampClientOptions {
  fetch: typeof fetch;
  /** The authority's RFC 3161 HTTP endpoint (http: or https:; tokens are self-authenticating). */
  url: string;
  /** Milliseconds since the epoch (injected so tests and the queue share one clock). */
  now: () => number;
  /**
   * DER roots the user chose for this authority. Every token is checked against them on receipt,
   * so a token the bundle verifier would reject is never stored.
   */
  trustedCerts: Uint8Array[];
  timeoutMs?: number;
}

/** What a successful timestamp leaves behind: the two files a bundle carries for the item. */
export interface TimestampReceipt {
  sha256Hex: string;
  /** DER TimeStampResp as the authority sent it (the bundle's `timestamp.tsr`). */
  response: Uint8Array;
  /** The validated chain, authority first and root last (the bundle's `timestamp-chain.pem`). */
  chainPem: string;
  genTime: string;
  tsaName: string;
  receivedAt: string;
}

export interface TimestampClient {
  readonly url: string;
  /** Asks the authority to timestamp one SHA-256 (only the hash leaves the machine). */
  stamp(sha256Hex: string): Promise<TimestampReceipt>;
}

const OPTION_KEYS = new Set(['fetch', 'url', 'now', 'trustedCerts', 'timeoutMs']);

async function post(options: TimestampClientOptions, body: Uint8Array): Promise<Uint8Array> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.timeoutMs ?? 30_000);
  try {
    const reply = await options.fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: new Uint8Array(body),
      signal: abort.signal,
      credentials: 'omit',
      redirect: 'error',
    });
    if (!reply.ok) throw new TimestampError(`the authority answered HTTP ${reply.status}`);
    const type = (reply.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/timestamp-reply')
      throw new TimestampError(
        `the authority answered ${type || 'no content type'}, not a timestamp reply`,
      );
    return new Uint8Array(await reply.arrayBuffer());
  } finally {
    clearTimeout(timer);
  }
}

/** An RFC 3161 client over HTTP (RFC 3161 §3.4) that checks every token before returning it. */
export function createTimestampClient(options: TimestampClientOptions): TimestampClient {
  const unknown = Object.keys(options).filter((k) => !OPTION_KEYS.has(k));
  if (unknown.length > 0) throw new TypeError(`unknown option ${unknown.join(', ')}`);
  const protocol = URL.canParse(options.url) ? new URL(options.url).protocol : '';
  if (protocol !== 'http:' && protocol !== 'https:')
    throw new TypeError('the timestamp authority URL must be http: or https:');
  if (options.trustedCerts.length === 0)
    throw new TypeError('a timestamp authority needs its root certificate to check its tokens');
  return {
    url: options.url,
    async stamp(sha256Hex) {
      const nonce = randomNonceHex();
      const der = await post(options, createTimestampRequest({ sha256Hex, nonce }));
      let parsed;
      try {
        parsed = parseTimestampResponse(der);
      } catch {
        throw new TimestampError('the authority sent something that is not a TimeStampResp');
      }
      if (parsed.status > 1 || !parsed.token)
        throw new TimestampError(
          `the authority refused: ${parsed.statusText}${parsed.statusStrings.length ? ` (${parsed.statusStrings.join('; ')})` : ''}`,
        );
      const check = await verifyTimestampToken({
        token: parsed.token,
        sha256Hex,
        nonce,
        trustedCerts: options.trustedCerts,
      });
      if (!check.ok || !check.chain || !check.genTime)
        throw new TimestampError(
          `the authority's token does not verify: ${check.errors.join('; ')}`,
        );
      return {
        sha256Hex: sha256Hex.toLowerCase(),
        response: der,
        chainPem: certificatesToPem(check.chain),
        genTime: check.genTime,
        tsaName: check.tsaName ?? '',
        receivedAt: new Date(options.now()).toISOString(),
      };
    },
  };
}
