// SPDX-License-Identifier: AGPL-3.0-or-later
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstItemPath, honestBundle, rezip } from './support/bundle-fixture';

const ROOT = resolve(import.meta.dirname, '../..');
// tsx from the project itself: the same runner `npm run verify` uses, but started from an empty
// temp folder so anything the CLI wrote there would show.
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'scripts/verify.ts');

describe('npm run verify (scripts/verify.ts)', () => {
  let inputs: string;
  let cwd: string;

  beforeAll(async () => {
    inputs = mkdtempSync(join(tmpdir(), 'attest-cli-in-'));
    cwd = mkdtempSync(join(tmpdir(), 'attest-cli-cwd-'));
    const fx = await honestBundle();
    writeFileSync(join(inputs, 'intact.zip'), fx.zip);
    const path = firstItemPath(fx, 'screenshot.png');
    const tampered = await rezip(fx.zip, (files) => {
      const png = files.get(path);
      if (png) png[99] = (png[99] ?? 0) ^ 1;
    });
    writeFileSync(join(inputs, 'tampered.zip'), tampered);
    writeFileSync(join(inputs, 'not-a-zip.zip'), 'hello, I am text');
  });
  afterAll(() => {
    rmSync(inputs, { recursive: true, force: true });
    rmSync(cwd, { recursive: true, force: true });
  });

  const run = (file: string) => {
    const before = [readdirSync(cwd), readdirSync(inputs)];
    const r = spawnSync(TSX, [CLI, join(inputs, file)], { cwd, encoding: 'utf8' });
    expect([readdirSync(cwd), readdirSync(inputs)]).toEqual(before);
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  };

  it('exits 0 on an intact bundle and prints what it checked', () => {
    const { code, out } = run('intact.zip');
    expect(out).toMatch(/\[ OK \] signature: good signature of SHA256SUMS by key [0-9A-F]{40}/);
    expect(out).toMatch(/\[ OK \] [0-9a-f]{64} {2}items\/.+\/screenshot\.png/);
    expect(out).toMatch(/Custody: +3 events, chain intact/);
    expect(out).toContain('RESULT: INTACT');
    expect(code).toBe(0);
  });

  it('exits 1 on a tampered bundle, naming the failure', () => {
    const { code, out } = run('tampered.zip');
    expect(out).toMatch(/\[FAIL\] items\/.+\/screenshot\.png: hash mismatch/);
    expect(out).toMatch(/RESULT: TAMPERED: \d+ problem/);
    expect(code).toBe(1);
  });

  it('exits 2 on a file that is not a ZIP', () => {
    const { code, out } = run('not-a-zip.zip');
    expect(out).toMatch(/RESULT: UNREADABLE: .*not a ZIP archive/);
    expect(code).toBe(2);
  });

  it('exits 2 on a missing file', () => {
    const { code, out } = run('no-such-file.zip');
    expect(out).toMatch(/RESULT: UNREADABLE: cannot open/);
    expect(code).toBe(2);
  });
});
