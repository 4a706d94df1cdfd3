// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
export const CHECK_BUNDLE = resolve(ROOT, '../shared/checks/check-bundle');

export interface StockCheckResult {
  sha256sum: string;
  gpgStatus: string;
  checkBundle: string;
}

/**
 * Checks a bundle the way a lawyer would: unzip, `sha256sum -c SHA256SUMS`, and
 * `gpg --verify SHA256SUMS.asc SHA256SUMS` after importing collector-key.asc; then the shared
 * check-bundle script. Throws with the tools' output when any of them refuses.
 */
export function checkWithStockTools(bundle: string): StockCheckResult {
  const work = mkdtempSync(join(tmpdir(), 'attest-stock-'));
  try {
    const dir = join(work, 'b');
    execFileSync('unzip', ['-q', bundle, '-d', dir]);
    const sha256sum = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], {
      cwd: dir,
      encoding: 'utf8',
    });
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
    if (gpg.status !== 0) throw new Error(`gpg --verify failed: ${gpg.stdout}${gpg.stderr}`);
    const shared = spawnSync(CHECK_BUNDLE, [bundle], { encoding: 'utf8' });
    if (shared.status !== 0)
      throw new Error(`check-bundle refused: ${shared.stdout}${shared.stderr}`);
    return { sha256sum, gpgStatus: gpg.stdout, checkBundle: shared.stdout };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Runs our own CLI verifier; returns its exit code and output. */
export function runVerifyCli(bundle: string): { code: number; output: string } {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'scripts/verify.ts'), bundle],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  return { code: run.status ?? -1, output: `${run.stdout}${run.stderr}` };
}

/** Changes one byte in the middle of a copy of the bundle's first stored screenshot and returns the copy. */
export function tamperedCopy(bundle: string): string {
  const work = mkdtempSync(join(tmpdir(), 'attest-tamper-'));
  const dir = join(work, 'b');
  execFileSync('unzip', ['-q', bundle, '-d', dir]);
  const png = execFileSync('sh', ['-c', 'ls items/*/*.png | head -n 1'], {
    cwd: dir,
    encoding: 'utf8',
  }).trim();
  if (!png) throw new Error('no screenshot in the bundle to tamper with');
  execFileSync('sh', ['-c', `printf 'X' | dd of="${png}" bs=1 seek=200 conv=notrunc status=none`], {
    cwd: dir,
  });
  const out = join(work, 'tampered.zip');
  execFileSync('sh', ['-c', `zip -q -r -X "${out}" .`], { cwd: dir });
  return out;
}
