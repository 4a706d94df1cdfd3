// SPDX-License-Identifier: AGPL-3.0-or-later
// Tells apart edits of a signature file that change the signature from edits of its armor only
// (the text around the base64 packet), and asks GnuPG, the lawyers' tool, for its verdict.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The signature packet bytes inside an armored block: base64 lines between the blank line and the CRC. */
export function armorPacket(armored: Uint8Array): Buffer {
  const lines = Buffer.from(armored).toString('latin1').split('\n');
  const start = lines.findIndex((l) => l === '') + 1;
  const end = lines.findIndex((l, i) => i >= start && l.startsWith('='));
  const body = lines.slice(start, end < 0 ? undefined : end).join('');
  return Buffer.from(body.replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
}

export interface GpgVerifier {
  /** Exit status and last lines of `gpg --verify sig SHA256SUMS` (0 = good signature, no warning). */
  verify(signature: Uint8Array): { status: number; says: string };
  close(): void;
}

/** A throw-away GnuPG home holding only the collector key, and the signed SHA256SUMS. */
export function createGpgVerifier(publicKeyArmored: string, sums: Uint8Array): GpgVerifier {
  const dir = mkdtempSync(join(tmpdir(), 'attest-gpg-'));
  const home = join(dir, 'home');
  mkdirSync(home, { mode: 0o700 });
  writeFileSync(join(dir, 'key.asc'), publicKeyArmored);
  writeFileSync(join(dir, 'SHA256SUMS'), sums);
  execFileSync('gpg', ['--homedir', home, '--batch', '--quiet', '--import', join(dir, 'key.asc')], {
    stdio: 'ignore',
  });
  return {
    verify(signature) {
      writeFileSync(join(dir, 'sig.asc'), signature);
      const r = spawnSync(
        'gpg',
        ['--homedir', home, '--batch', '--verify', join(dir, 'sig.asc'), join(dir, 'SHA256SUMS')],
        { encoding: 'utf8' },
      );
      const says = r.stderr
        .split('\n')
        .filter((l) => /radix64|CRC|Good|BAD|error|invalid/i.test(l))
        .join(' | ');
      return { status: r.status ?? -1, says };
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}
