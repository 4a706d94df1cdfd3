// SPDX-License-Identifier: AGPL-3.0-or-later
// Bundles whose items carry RFC 3161 tokens over their 'captured' custody lines.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLineOf } from '../../lib/bundle/timestamps';
import { writeBundle } from '../../lib/bundle/write';
import { sha256Hex, utf8Encode } from '../../lib/crypto/index';
import { createTimestampClient } from '../../lib/timestamp/index';
import {
  makeInput,
  rezip,
  signerFor,
  unzipAll,
  verifyBytes,
  type Fixture,
} from './support/bundle-fixture';
import {
  createAuthority,
  startTsaServer,
  type Authority,
  type TsaServer,
} from './support/tsa-fixture';

const ROOT = resolve(import.meta.dirname, '../..');

describe('timestamped bundles', () => {
  let work: string;
  let tsa: Authority;
  let server: TsaServer;
  let fx: Fixture;
  let ids: string[];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'attest-ts-bundle-'));
    tsa = createAuthority(join(work, 'tsa'), 'Bundle', { tsaKey: 'ec' });
    server = await startTsaServer(tsa);
    const client = createTimestampClient({
      fetch,
      url: server.url,
      now: Date.now,
      trustedCerts: [tsa.rootDer],
    });
    const { input, identity } = await makeInput({ items: 2 });
    for (const entry of input.items) {
      const line = capturedLineOf(input.custodyLines, entry.item.id) ?? '';
      const receipt = await client.stamp(await sha256Hex(utf8Encode(line)));
      entry.timestamp = { response: receipt.response, chainPem: receipt.chainPem };
    }
    fx = { zip: await writeBundle(input, signerFor(identity)), input, identity };
    ids = input.items.map((e) => e.item.id);
  });
  afterAll(async () => {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('verifies intact and reports each genTime, authority and root', async () => {
    const report = await verifyBytes(fx.zip);
    expect(report.errors).toEqual([]);
    expect(report.status).toBe('intact');
    expect(report.checks.find((c) => c.id === 'timestamps')).toMatchObject({ ok: true });
    expect(report.timestamps).toHaveLength(2);
    const [t] = report.timestamps ?? [];
    expect(Math.abs(Date.parse(t?.genTime ?? '') - Date.now())).toBeLessThan(120_000);
    expect(t?.tsaName).toBe('CN=Bundle TSA, O=Attest tests');
    expect(t?.root).toEqual({ subject: 'CN=Bundle Root', sha256: await sha256Hex(tsa.rootDer) });
    const files = await unzipAll(fx.zip);
    const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as {
      files: Array<{ path: string; role: string }>;
    };
    expect(
      manifest.files.filter((f) => f.role.startsWith('timestamp-')).map((f) => f.path),
    ).toEqual([
      `items/${ids[0]}/timestamp.tsr`,
      `items/${ids[0]}/timestamp-chain.pem`,
      `items/${ids[1]}/timestamp.tsr`,
      `items/${ids[1]}/timestamp-chain.pem`,
    ]);
  });

  it('checks by hand as docs/verifying.md says, and the CLI prints the time', async () => {
    const dir = join(work, 'unzipped');
    for (const [path, data] of await unzipAll(fx.zip)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), data);
    }
    const id = ids[1] ?? '';
    const script = [
      `grep -F '"type":"captured","itemId":"${id}"' custody-log.jsonl | tail -n 1 | tr -d '\\n' > captured.txt`,
      `openssl ts -verify -data captured.txt -in items/${id}/timestamp.tsr -CAfile items/${id}/timestamp-chain.pem`,
      `openssl ts -verify -digest "$(sha256sum captured.txt | cut -c1-64)" -in items/${id}/timestamp.tsr -CAfile items/${id}/timestamp-chain.pem`,
    ].join(' && ');
    const out = execFileSync('sh', ['-c', script], { cwd: dir, encoding: 'utf8' });
    expect(out.match(/Verification: OK/g)).toHaveLength(2);
    const rootFpr = ((await sha256Hex(tsa.rootDer)).toUpperCase().match(/.{2}/g) ?? []).join(':');
    const certs = execFileSync(
      'sh',
      [
        '-c',
        `awk '/BEGIN/{n++} {print > ("chain-" n ".pem")}' items/${id}/timestamp-chain.pem && for f in chain-*.pem; do openssl x509 -in "$f" -noout -subject -fingerprint -sha256; done && openssl ts -reply -in items/${id}/timestamp.tsr -text`,
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(certs).toMatch(new RegExp(`CN ?= ?Bundle Root\\s+sha256 Fingerprint=${rootFpr}`, 'i'));
    expect(certs).toMatch(/Time stamp: .* GMT/);
    // The other item's line must not verify with this token.
    const cross = spawnSync(
      'sh',
      ['-c', script.replace(`"itemId":"${id}"`, `"itemId":"${ids[0] ?? ''}"`)],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(cross.status).not.toBe(0);
    const zipPath = join(work, 'stamped.zip');
    writeFileSync(zipPath, fx.zip);
    const cli = spawnSync(
      join(ROOT, 'node_modules/.bin/tsx'),
      [join(ROOT, 'scripts/verify.ts'), zipPath],
      { encoding: 'utf8' },
    );
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/\[ OK \] timestamps: 2 RFC 3161 timestamp/);
    expect(cli.stdout).toContain(`SHA-256 fingerprint ${rootFpr}`);
    expect(cli.stdout).toMatch(
      new RegExp(`\\[ OK \\] ${id}: \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z by CN=Bundle TSA`),
    );
  });

  it("is tampered when an item's token is swapped for another item's", async () => {
    const [a, b] = ids.map((id) => `items/${id}/timestamp.tsr`);
    const swapped = await rezip(fx.zip, (files) => {
      const ta = files.get(a ?? '');
      files.set(a ?? '', files.get(b ?? '') ?? new Uint8Array());
      files.set(b ?? '', ta ?? new Uint8Array());
    });
    const report = await verifyBytes(swapped);
    expect(report.status).toBe('tampered');
    const check = report.checks.find((c) => c.id === 'timestamps');
    expect(check?.ok).toBe(false);
    expect(check?.message).toMatch(/timestamp: the token is for hash [0-9a-f]{64}, not/);
    expect(report.timestamps?.map((t) => t.ok)).toEqual([false, false]);
  });

  it('is tampered when a token comes without its chain', async () => {
    const path = `items/${ids[0] ?? ''}/timestamp-chain.pem`;
    const report = await verifyBytes(await rezip(fx.zip, (files) => void files.delete(path)));
    expect(report.status).toBe('tampered');
    expect(report.checks.find((c) => c.id === 'timestamps')?.message).toMatch(/must come together/);
  });

  it('refuses to export a token made for another item', async () => {
    const { input, identity } = await makeInput({ items: 2 });
    const [first, second] = fx.input.items;
    const [mine, theirs] = input.items;
    if (!mine || !theirs || !first || !second) throw new Error('fixture');
    mine.timestamp = second.timestamp;
    await expect(writeBundle(input, signerFor(identity))).rejects.toThrow(
      /export refused: .*timestamp/,
    );
  });

  it('leaves reports of bundles without timestamps unchanged', async () => {
    const { input, identity } = await makeInput({ items: 1 });
    const report = await verifyBytes(await writeBundle(input, signerFor(identity)));
    expect(report.status).toBe('intact');
    expect(report.checks.map((c) => c.id)).not.toContain('timestamps');
    expect(report).not.toHaveProperty('timestamps');
  });
});
