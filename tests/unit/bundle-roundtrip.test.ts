// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobSource, bytesSource } from '../../lib/bundle/source';
import { verifyBundle } from '../../lib/bundle/verify';
import { writeBundle } from '../../lib/bundle/write';
import { readArchive } from '../../lib/bundle/zip-archive';
import {
  makeInput,
  signerFor,
  unzipAll,
  verifyBytes,
  type Fixture,
} from './support/bundle-fixture';

const CHECK_BUNDLE = resolve(import.meta.dirname, '../../../shared/checks/check-bundle');

describe('bundle round trip', () => {
  let fx: Fixture;
  let work: string;
  let zipPath: string;

  beforeAll(async () => {
    const { input, identity } = await makeInput({ items: 2, pngBytes: 20_000 });
    fx = { zip: await writeBundle(input, signerFor(identity)), input, identity };
    work = mkdtempSync(join(tmpdir(), 'attest-roundtrip-'));
    zipPath = join(work, 'bundle.zip');
    writeFileSync(zipPath, fx.zip);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('verifies intact with our verifier, with the default and with an injected hash', async () => {
    const report = await verifyBytes(fx.zip);
    expect(report.errors).toEqual([]);
    expect(report.status).toBe('intact');
    expect(report.fingerprint).toBe(fx.identity.fingerprint);
    expect(report.checks.every((c) => c.ok)).toBe(true);
    expect(report.custody).toMatchObject({ ok: true, events: 3 });
    const node = () => {
      const h = createHash('sha256');
      return { update: (c: Uint8Array) => void h.update(c), digestHex: () => h.digest('hex') };
    };
    expect((await verifyBundle(bytesSource(fx.zip), { createHash: node })).status).toBe('intact');
  });

  it('writes the v1 layout: root files, item folders, manifest agreeing with SHA256SUMS', async () => {
    const files = await unzipAll(fx.zip);
    const root = [
      'SHA256SUMS',
      'SHA256SUMS.asc',
      'collector-key.asc',
      'manifest.json',
      'custody-log.jsonl',
      'README.txt',
    ];
    for (const f of root) expect(files.has(f)).toBe(true);
    const id = fx.input.items[0]?.item.id ?? '';
    for (const f of ['item.json', 'screenshot.png', 'page.html'])
      expect(files.has(`items/${id}/${f}`)).toBe(true);
    const sums = new TextDecoder().decode(files.get('SHA256SUMS'));
    const paths = sums
      .trimEnd()
      .split('\n')
      .map((l) => l.slice(66));
    expect(paths).toEqual([...paths].sort());
    expect(paths).toHaveLength(files.size - 2);
    const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as {
      formatVersion: number;
      collector: { fingerprint: string };
    };
    expect(manifest.formatVersion).toBe(1);
    expect(manifest.collector.fingerprint).toBe(fx.identity.fingerprint);
    expect(new TextDecoder().decode(files.get('README.txt'))).toContain(
      fx.identity.fingerprint.slice(0, 4),
    );
  });

  it('stores PNG and deflates text', async () => {
    const { entries } = await readArchive(bytesSource(fx.zip));
    const id = fx.input.items[0]?.item.id ?? '';
    const method = (name: string) => entries.find((e) => e.name === name)?.method;
    expect(method(`items/${id}/screenshot.png`)).toBe(0);
    expect(method(`items/${id}/page.html`)).toBe(8);
    expect(method('SHA256SUMS')).toBe(8);
    expect(entries.some((e) => e.isDirectory)).toBe(false);
  });

  it('stays intact when re-zipped by Info-ZIP (folder entries, Unix attributes) and read as a Blob', async () => {
    const dir = join(work, 'rezip');
    execFileSync('unzip', ['-q', zipPath, '-d', dir]);
    const out = join(work, 'rezipped.zip');
    execFileSync('zip', ['-q', '-r', '-X', out, '.'], { cwd: dir });
    const report = await verifyBundle(blobSource(new Blob([readFileSync(out)])));
    expect(report.errors).toEqual([]);
    expect(report.status).toBe('intact');
  });

  it('reports a source that fails to read as unreadable, not as an exception', async () => {
    const failing = { size: fx.zip.length, read: () => Promise.reject(new Error('EIO')) };
    const report = await verifyBundle(failing);
    expect(report.status).toBe('unreadable');
    expect(report.errors[0]).toMatch(/could not read the bundle: EIO/);
  });

  it('passes the lawyer-style check-bundle script', () => {
    const run = spawnSync(CHECK_BUNDLE, [zipPath], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toMatch(/^OK: /);
    expect(run.status).toBe(0);
  });

  it('passes sha256sum -c and gpg --verify after importing collector-key.asc', () => {
    const dir = join(work, 'x');
    execFileSync('unzip', ['-q', zipPath, '-d', dir]);
    const sums = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
    expect(sums.status).toBe(0);
    expect(sums.stdout).not.toContain('FAILED');
    const home = join(work, 'gnupg');
    mkdirSync(home, { mode: 0o700 });
    execFileSync('gpg', ['--batch', '--homedir', home, '--import', 'collector-key.asc'], {
      cwd: dir,
      stdio: 'pipe',
    });
    const gpg = spawnSync(
      'gpg',
      [
        '--batch',
        '--homedir',
        home,
        '--status-fd',
        '1',
        '--verify',
        'SHA256SUMS.asc',
        'SHA256SUMS',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(gpg.status).toBe(0);
    expect(gpg.stdout).toMatch(/^\[GNUPG:\] GOODSIG/m);
    expect(gpg.stdout).toContain(`VALIDSIG ${fx.identity.fingerprint}`);
  });
});
