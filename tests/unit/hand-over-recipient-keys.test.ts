// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { readRecipientKey } from '../../lib/crypto/index';
import { PASSPHRASE, createHarness, type VaultHarness } from './support/vault-fixtures';

const DAY = 86_400_000;

/** gpg in its own home: keys made here are what a lawyer would send. */
function gpgIn(home: string) {
  return (...args: string[]) =>
    execFileSync(
      'gpg',
      ['--homedir', home, '--batch', '--pinentry-mode', 'loopback', '--passphrase', '', ...args],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
}

function fingerprintOf(gpg: ReturnType<typeof gpgIn>, uid: string): string {
  const fpr = gpg('--with-colons', '--list-keys', uid)
    .split('\n')
    .find((l) => l.startsWith('fpr:'));
  return fpr!.split(':')[9]!;
}

describe('recipient keys a hand-over must refuse, each with its own reason', () => {
  let home: string;
  let gpg: ReturnType<typeof gpgIn>;
  const keys: Record<string, string> = {};
  let h: VaultHarness;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'attest-recipients-'));
    gpg = gpgIn(home);
    gpg('--quick-gen-key', 'Good <good@example.org>', 'future-default', 'default', 'never');
    keys.good = gpg('--armor', '--export', 'good@example.org');
    keys.secret = gpg('--armor', '--export-secret-keys', 'good@example.org');
    gpg('--quick-gen-key', 'Short <short@example.org>', 'future-default', 'default', '1d');
    keys.expiring = gpg('--armor', '--export', 'short@example.org');
    // A primary key that can only sign: nothing to encrypt to.
    gpg('--quick-gen-key', 'Signer <signer@example.org>', 'ed25519', 'sign', 'never');
    keys.signOnly = gpg('--armor', '--export', 'signer@example.org');
    gpg('--quick-gen-key', 'Revoked <revoked@example.org>', 'future-default', 'default', 'never');
    // gpg 2.2 leaves a revocation certificate with its armor line escaped by ':'.
    const fpr = fingerprintOf(gpg, 'revoked@example.org');
    const rev = readFileSync(join(home, 'openpgp-revocs.d', `${fpr}.rev`), 'utf8');
    const certificate = join(home, 'revoke.asc');
    writeFileSync(certificate, rev.replace(/^:-----BEGIN/m, '-----BEGIN'));
    gpg('--import', certificate);
    keys.revoked = gpg('--armor', '--export', 'revoked@example.org');
    fakeBrowser.reset();
    h = createHarness();
    await h.vault.create({ passphrase: PASSPHRASE, collectorName: 'Amina K.' });
  }, 120_000);
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('accepts a current key with an encryption subkey (positive control)', async () => {
    const key = await readRecipientKey(keys.good!);
    expect(key.fingerprint).toBe(fingerprintOf(gpg, 'good@example.org'));
    expect(key.label).toBe('Good <good@example.org>');
    expect(key.publicKeyArmored).not.toMatch(/PRIVATE KEY/);
    // The same key with a day left is fine today and refused once it has passed.
    await expect(readRecipientKey(keys.expiring!)).resolves.toMatchObject({
      label: 'Short <short@example.org>',
    });
  });

  it('refuses a secret key block, an expired, a revoked and a sign-only key', async () => {
    await expect(readRecipientKey(keys.secret!)).rejects.toMatchObject({
      code: 'recipient-private-key',
    });
    await expect(
      readRecipientKey(keys.expiring!, new Date(Date.now() + 2 * DAY)),
    ).rejects.toMatchObject({ code: 'recipient-expired' });
    await expect(readRecipientKey(keys.revoked!)).rejects.toMatchObject({
      code: 'recipient-revoked',
    });
    await expect(readRecipientKey(keys.signOnly!)).rejects.toMatchObject({
      code: 'recipient-cannot-encrypt',
    });
    await expect(readRecipientKey('hello')).rejects.toMatchObject({
      code: 'recipient-unreadable',
    });
  });

  it('the vault keeps the good key once, sealed, and refuses the others', async () => {
    const added = await h.vault.recipients.add(keys.good!);
    await expect(h.vault.recipients.add(keys.good!)).rejects.toMatchObject({
      code: 'recipient-duplicate',
    });
    await expect(h.vault.recipients.add(keys.secret!)).rejects.toMatchObject({
      code: 'recipient-private-key',
    });
    expect((await h.vault.recipients.list()).map((r) => r.fingerprint)).toEqual([
      added.fingerprint,
    ]);
    await h.vault.recipients.remove(added.fingerprint);
    expect(await h.vault.recipients.list()).toEqual([]);
  });
});
