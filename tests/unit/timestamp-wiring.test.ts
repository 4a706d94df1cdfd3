// SPDX-License-Identifier: AGPL-3.0-or-later
// The background's timestamp wiring end to end over WXT's fake browser, a real vault on
// fake-indexeddb and a loopback `openssl ts` authority: settings, commit → flush, the offline
// queue and its retry alarm, unlock, and the receipt in an exported, verified bundle.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { bytesSource } from '../../lib/bundle/source';
import { capturedLineOf } from '../../lib/bundle/timestamps';
import { verifyBundle } from '../../lib/bundle/verify';
import { writeBundle } from '../../lib/bundle/write';
import { randomId, sha256Hex, signDetached, utf8Encode } from '../../lib/crypto/index';
import { exportBundle } from '../../lib/export/export-bundle';
import { TIMESTAMP_RETRY_ALARM } from '../../lib/timestamp/service';
import { startBackground, type BackgroundFixture } from './support/background-fixture';
import {
  createAuthority,
  opensslVerifies,
  startTsaServer,
  type Authority,
  type TsaServer,
} from './support/tsa-fixture';
import { createHarness, PASSPHRASE, type VaultHarness } from './support/vault-fixtures';

const MINUTE = 60_000;
let work: string;
let tsa: Authority;
let server: TsaServer;
let harness: VaultHarness;
let bg: BackgroundFixture;
// The service's clock: moved forward to make queued entries due without waiting.
let skew = 0;
const now = () => Date.now() + skew;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'attest-ts-wiring-'));
  tsa = createAuthority(join(work, 'tsa'), 'Wiring', { tsaKey: 'ec' });
  server = await startTsaServer(tsa);
  harness = createHarness();
  bg = startBackground(harness, { timestamps: { fetch, now } });
  // One vault for the file: creating and unlocking each cost an Argon2id run at 64 MiB.
  await bg.send('vault.create', { passphrase: PASSPHRASE, collectorName: 'Ana' });
});
afterAll(async () => {
  await server.close().catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
});

const on = () => ({ enabled: true, url: server.url, rootsPem: tsa.rootPem });
const receiptOf = (itemId: string) => harness.reopen().timestampReceipt(itemId);

async function capture(): Promise<string> {
  return (await bg.send('capture.activeTab', {})).itemId;
}

/** Waits until the flush after a capture has tried the (closed) authority and given up. */
async function failedAttempt(): Promise<void> {
  await vi.waitFor(
    async () =>
      expect(await bg.send('timestamps.status', {})).toMatchObject({
        pending: 1,
        lastError: expect.any(String) as unknown,
      }),
    { timeout: 20_000, interval: 100 },
  );
}

async function exportOne(itemId: string): Promise<Uint8Array> {
  const vault = harness.reopen();
  let saved: Uint8Array | undefined;
  await exportBundle(
    {
      vault,
      writeBundle,
      signDetached,
      sha256Hex,
      randomId,
      generator: { name: 'Attest', version: '0.1.0', browser: 'test' },
      save: (bytes) => {
        saved = bytes;
        return Promise.resolve(1);
      },
    },
    [itemId],
  );
  return saved!;
}

describe('timestamps off (the default)', () => {
  it('starts off and empty, and a capture sends nothing and queues nothing', async () => {
    expect(await bg.send('timestamps.get', {})).toEqual({
      settings: { enabled: false, url: '', rootsPem: '' },
      rootSubjects: [],
    });
    const id = await capture();
    await bg.send('timestamps.flush', {});
    expect(server.requests).toBe(0);
    expect(await bg.send('timestamps.status', {})).toEqual({
      enabled: false,
      pending: 0,
      lastError: null,
      nextAttemptAt: null,
    });
    expect(await receiptOf(id)).toBeNull();
    expect(await fakeBrowser.alarms.get(TIMESTAMP_RETRY_ALARM)).toBeUndefined();
  });

  it('keeps a URL and roots saved while off and still sends nothing', async () => {
    const saved = await bg.send('timestamps.update', { ...on(), enabled: false });
    expect(saved.rootSubjects).toEqual(['CN=Wiring Root']);
    await capture();
    await bg.send('timestamps.flush', {});
    expect(server.requests).toBe(0);
    expect((await bg.send('timestamps.status', {})).pending).toBe(0);
  });
});

describe('settings validation', () => {
  it.each([
    [{ url: 'ftp://tsa.example/' }, 'timestamp-url-invalid'],
    [{ url: 'javascript:alert(1)' }, 'timestamp-url-invalid'],
    [{ url: 'https://user:pw@tsa.example/' }, 'timestamp-url-invalid'],
    [{ url: '' }, 'timestamp-url-missing'],
    [{ rootsPem: '' }, 'timestamp-roots-missing'],
    [{ rootsPem: 'not a certificate' }, 'timestamp-roots-invalid'],
    [
      { rootsPem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' },
      'timestamp-roots-invalid',
    ],
  ])('refuses %j with %s and keeps the old settings', async (patch, code) => {
    const before = await bg.send('timestamps.get', {});
    await expect(bg.send('timestamps.update', { ...on(), ...patch })).rejects.toMatchObject({
      code,
    });
    expect(await bg.send('timestamps.get', {})).toEqual(before);
  });

  it('accepts the same settings once they are right (positive control)', async () => {
    const saved = await bg.send('timestamps.update', { ...on(), url: ` ${server.url} ` });
    expect(saved.settings).toEqual({ ...on(), rootsPem: tsa.rootPem.trim() + '\n' });
    await bg.send('timestamps.update', { ...on(), enabled: false });
  });
});

describe('timestamps on', () => {
  it('stamps the capture right after commit: receipt, custody event, bundle', async () => {
    await bg.send('timestamps.update', on());
    const before = server.requests;
    const id = await capture();
    await vi.waitFor(async () => expect(await receiptOf(id)).not.toBeNull(), {
      timeout: 20_000,
      interval: 100,
    });
    expect(server.requests).toBe(before + 1);
    const receipt = (await receiptOf(id))!;
    const lines = await harness.reopen().custodyLines();
    const digest = await sha256Hex(utf8Encode(capturedLineOf(lines, id)!));
    expect(receipt.sha256Hex).toBe(digest);
    const event = JSON.parse(lines.at(-1)!) as { type: string; itemId: string; details: unknown };
    expect(event).toMatchObject({
      type: 'timestamped',
      itemId: id,
      details: { itemId: id, sha256: digest, tsa: 'CN=Wiring TSA, O=Attest tests' },
    });
    expect((await bg.send('timestamps.status', {})).pending).toBe(0);

    const zip = await exportOne(id);
    const report = await verifyBundle(bytesSource(zip));
    expect(report.status).toBe('intact');
    expect(report.timestamps).toEqual([
      expect.objectContaining({ itemId: id, ok: true, digest, tsaName: receipt.tsaName }),
    ]);
    const tsr = join(work, `${id}.tsr`);
    writeFileSync(tsr, receipt.response);
    expect(await opensslVerifies({ tsrFile: tsr, digestHex: digest, caFile: tsa.rootFile })).toBe(
      true,
    );
  });

  it('stamps captures committed while another is being sent, without waiting for the alarm', async () => {
    const before = server.requests;
    const ids = await Promise.all([capture(), capture(), capture()]);
    await vi.waitFor(
      async () => {
        for (const id of ids) expect(await receiptOf(id)).not.toBeNull();
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(server.requests).toBe(before + 3);
    expect((await bg.send('timestamps.status', {})).pending).toBe(0);
  });

  it('queues while the authority is down and stamps on the retry alarm once it is back', async () => {
    const port = Number(new URL(server.url).port);
    await server.close();
    const id = await capture();
    await vi.waitFor(
      async () => expect((await bg.send('timestamps.status', {})).lastError).not.toBeNull(),
      { timeout: 20_000, interval: 100 },
    );
    const status = await bg.send('timestamps.status', {});
    expect(status).toMatchObject({ enabled: true, pending: 1 });
    const alarm = await fakeBrowser.alarms.get(TIMESTAMP_RETRY_ALARM);
    expect(alarm?.scheduledTime).toBeGreaterThanOrEqual(Date.parse(status.nextAttemptAt!));

    server = await startTsaServer(tsa, port);
    // Not yet due: the alarm's flush leaves it alone (no hammering of a failing authority).
    await fakeBrowser.alarms.onAlarm.trigger({ name: TIMESTAMP_RETRY_ALARM, scheduledTime: 0 });
    expect(server.requests).toBe(0);
    skew += 2 * MINUTE;
    await fakeBrowser.alarms.onAlarm.trigger({ name: TIMESTAMP_RETRY_ALARM, scheduledTime: 0 });
    expect(server.requests).toBe(1);
    expect(await receiptOf(id)).not.toBeNull();
    expect(await bg.send('timestamps.status', {})).toMatchObject({ pending: 0, lastError: null });
    expect(await fakeBrowser.alarms.get(TIMESTAMP_RETRY_ALARM)).toBeUndefined();
    expect((await verifyBundle(bytesSource(await exportOne(id)))).status).toBe('intact');
  });

  it('sends nothing while locked and flushes on unlock', async () => {
    const port = Number(new URL(server.url).port);
    await server.close();
    const id = await capture();
    await failedAttempt();
    server = await startTsaServer(tsa, port);
    await bg.send('vault.lock', {});
    skew += 10 * MINUTE;
    await fakeBrowser.alarms.onAlarm.trigger({ name: TIMESTAMP_RETRY_ALARM, scheduledTime: 0 });
    expect(server.requests).toBe(0);
    await bg.send('vault.unlock', { passphrase: PASSPHRASE });
    expect(server.requests).toBe(1);
    expect(await receiptOf(id)).not.toBeNull();
  });

  it('"send now" sends an entry that is not due yet', async () => {
    const port = Number(new URL(server.url).port);
    await server.close();
    const id = await capture();
    await failedAttempt();
    server = await startTsaServer(tsa, port);
    const result = await bg.send('timestamps.flush', {});
    expect(result).toMatchObject({ stamped: 1, failed: 0, pending: 0, lastError: null });
    expect(server.requests).toBe(1);
    expect(await receiptOf(id)).not.toBeNull();
  });

  it('turned off again: later captures send nothing', async () => {
    await bg.send('timestamps.update', { ...on(), enabled: false });
    const before = server.requests;
    await capture();
    await bg.send('timestamps.flush', {});
    expect(server.requests).toBe(before);
  });
});
