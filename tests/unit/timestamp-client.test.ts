// SPDX-License-Identifier: AGPL-3.0-or-later
// The HTTP client and the offline queue against a loopback `openssl ts` authority.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex, utf8Encode } from '../../lib/crypto/index';
import { certificatesFromPem } from '../../lib/crypto/timestamp';
import {
  createMemoryTimestampStore,
  createTimestampClient,
  createTimestampQueue,
  timestampClientFor,
  TimestampError,
  type TimestampReceipt,
} from '../../lib/timestamp/index';
import {
  createAuthority,
  opensslVerifies,
  startTsaServer,
  type Authority,
  type TsaServer,
} from './support/tsa-fixture';

describe('timestamp client against a local authority', () => {
  let work: string;
  let tsa: Authority;
  let other: Authority;
  let server: TsaServer;
  let hash: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'attest-tsa-client-'));
    tsa = createAuthority(join(work, 'a'), 'Local', { tsaKey: 'ec' });
    other = createAuthority(join(work, 'b'), 'Stranger', { tsaKey: 'ec' });
    server = await startTsaServer(tsa);
    hash = await sha256Hex(utf8Encode('capture digest'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  const client = (url: string, roots = [tsa.rootDer]) =>
    createTimestampClient({ fetch, url, now: () => Date.now(), trustedCerts: roots });

  it('posts a timestamp-query and returns a checked reply with its chain', async () => {
    const receipt = await client(server.url).stamp(hash);
    expect(receipt.sha256Hex).toBe(hash);
    expect(receipt.tsaName).toBe('CN=Local TSA, O=Attest tests');
    const chain = certificatesFromPem(receipt.chainPem);
    expect(chain).toHaveLength(2);
    expect(chain[1]).toEqual(tsa.rootDer);
    const tsr = join(work, 'r.tsr');
    const pem = join(work, 'chain.pem');
    writeFileSync(tsr, receipt.response);
    writeFileSync(pem, receipt.chainPem);
    expect(await opensslVerifies({ tsrFile: tsr, digestHex: hash, caFile: pem })).toBe(true);
  });

  it('refuses a token that does not chain to the configured root', async () => {
    await expect(client(server.url, [other.rootDer]).stamp(hash)).rejects.toThrow(
      /does not verify: .*does not chain to the trusted root/,
    );
  });

  it('refuses replies that are not timestamp replies', async () => {
    const fake = (body: string, init: ResponseInit) => () =>
      Promise.resolve(new Response(body, init));
    const make = (f: typeof fetch) =>
      createTimestampClient({
        fetch: f,
        url: 'https://tsa.example/',
        now: Date.now,
        trustedCerts: [tsa.rootDer],
      });
    await expect(make(fake('', { status: 503 })).stamp(hash)).rejects.toThrow(/HTTP 503/);
    await expect(
      make(fake('<html>', { status: 200, headers: { 'content-type': 'text/html' } })).stamp(hash),
    ).rejects.toThrow(TimestampError);
    await expect(
      make(
        fake('junk', { status: 200, headers: { 'content-type': 'application/timestamp-reply' } }),
      ).stamp(hash),
    ).rejects.toThrow(/not a TimeStampResp/);
    expect(() =>
      createTimestampClient({
        fetch,
        url: 'file:///x',
        now: Date.now,
        trustedCerts: [tsa.rootDer],
      }),
    ).toThrow(TypeError);
  });

  it('queues while the authority is unreachable and stamps once it is back', async () => {
    const down = await startTsaServer(tsa);
    const port = Number(new URL(down.url).port);
    await down.close();
    let now = Date.now();
    const queue = createTimestampQueue(createMemoryTimestampStore(), { now: () => now });
    const settings = { enabled: true, url: down.url, rootsPem: tsa.rootPem };
    const stored = new Map<string, TimestampReceipt>();
    const onStamped = (id: string, r: TimestampReceipt) => Promise.resolve(void stored.set(id, r));
    await queue.enqueue('item-1', hash);
    const offline = await queue.flush(
      timestampClientFor(settings, { fetch, now: () => now }),
      onStamped,
    );
    expect(offline.failed).toHaveLength(1);
    expect(offline.remaining).toBe(1);
    expect((await queue.pending())[0]?.attempts).toBe(1);
    const back = await startTsaServer(tsa, port);
    try {
      now += 61_000;
      const online = await queue.flush(
        timestampClientFor(settings, { fetch, now: () => now }),
        onStamped,
      );
      expect(online).toEqual({ stamped: ['item-1'], failed: [], remaining: 0 });
      expect(back.requests).toBe(1);
      expect(stored.get('item-1')?.sha256Hex).toBe(hash);
    } finally {
      await back.close();
    }
  });
});
