// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateIdentity,
  readKeyFingerprint,
  signDetached,
  utf8Encode,
  verifyDetached,
  type Identity,
} from '../../lib/crypto/index';

const DATA = utf8Encode(
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  items/x/file.png\n',
);

let alice: Identity;
let mallory: Identity;
let home: string;

function gpg(...args: string[]) {
  return spawnSync('gpg', ['--batch', '--no-autostart', '--homedir', home, ...args], {
    encoding: 'utf8',
  });
}

beforeAll(async () => {
  [alice, mallory] = await Promise.all([
    generateIdentity({ name: 'Alice Ally' }),
    generateIdentity({ name: 'Mallory' }),
  ]);
  home = mkdtempSync(join(tmpdir(), 'attest-gpg-'));
});

afterAll(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('collector identity', () => {
  it('is an OpenPGP v4 EdDSA key (checked by gpg, not by our code)', () => {
    writeFileSync(join(home, 'key.asc'), alice.publicKeyArmored);
    const packets = gpg('--list-packets', join(home, 'key.asc'));
    expect(packets.status).toBe(0);
    // First packet is the primary key: version 4, algorithm 22 (EdDSA legacy).
    expect(packets.stdout).toMatch(/:public key packet:\s*\n\s*version 4, algo 22,/);
    expect(alice.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    const shown = gpg(
      '--with-colons',
      '--import-options',
      'show-only',
      '--import',
      join(home, 'key.asc'),
    );
    expect(shown.stdout).toContain(`fpr:::::::::${alice.fingerprint}:`);
    expect(alice.privateKeyArmored).toContain('BEGIN PGP PRIVATE KEY BLOCK');
  });

  it('readKeyFingerprint matches the generated fingerprint', async () => {
    expect(await readKeyFingerprint(alice.publicKeyArmored)).toBe(alice.fingerprint);
    expect(mallory.fingerprint).not.toBe(alice.fingerprint);
  });
});

describe('detached signatures', () => {
  it('gpg --verify accepts the signature and names the key', async () => {
    const sig = await signDetached(DATA, alice.privateKeyArmored);
    writeFileSync(join(home, 'data'), DATA);
    writeFileSync(join(home, 'data.asc'), sig);
    expect(gpg('--import', join(home, 'key.asc')).status).toBe(0);
    const ok = gpg('--status-fd', '1', '--verify', join(home, 'data.asc'), join(home, 'data'));
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`[GNUPG:] VALIDSIG ${alice.fingerprint} `);
    expect(ok.stderr).toContain(alice.fingerprint);
    // Control: the same command fails for one changed byte.
    writeFileSync(
      join(home, 'data-bad'),
      Buffer.concat([DATA.subarray(0, -2), Buffer.from('X\n')]),
    );
    const bad = gpg('--status-fd', '1', '--verify', join(home, 'data.asc'), join(home, 'data-bad'));
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toContain('[GNUPG:] BADSIG');
  });

  it('verifyDetached: valid for the right key and data', async () => {
    const sig = await signDetached(DATA, alice.privateKeyArmored);
    const r = await verifyDetached({
      data: DATA,
      signatureArmored: sig,
      publicKeyArmored: alice.publicKeyArmored,
    });
    expect(r).toMatchObject({ valid: true, fingerprint: alice.fingerprint });
    expect(alice.fingerprint.endsWith(r.signingKeyId)).toBe(true);
  });

  it('verifyDetached: a signature by another key is rejected', async () => {
    const sig = await signDetached(DATA, mallory.privateKeyArmored);
    const r = await verifyDetached({
      data: DATA,
      signatureArmored: sig,
      publicKeyArmored: alice.publicKeyArmored,
    });
    expect(r.valid).toBe(false);
    expect(r.fingerprint).toBe(alice.fingerprint);
    expect(mallory.fingerprint.endsWith(r.signingKeyId)).toBe(true);
    expect(r.error).toBeTruthy();
  });

  it('verifyDetached: changed data is rejected', async () => {
    const sig = await signDetached(DATA, alice.privateKeyArmored);
    const changed = new Uint8Array(DATA);
    changed[0]! ^= 1;
    const r = await verifyDetached({
      data: changed,
      signatureArmored: sig,
      publicKeyArmored: alice.publicKeyArmored,
    });
    expect(r.valid).toBe(false);
  });

  it('verifyDetached: garbage signature is reported, not thrown', async () => {
    const r = await verifyDetached({
      data: DATA,
      signatureArmored: 'nope',
      publicKeyArmored: alice.publicKeyArmored,
    });
    expect(r.valid).toBe(false);
    expect(r.error).toBeTruthy();
  });
});

it('gpg is present (these tests rely on it)', () => {
  expect(execFileSync('gpg', ['--version'], { encoding: 'utf8' })).toMatch(/GnuPG/);
});
