// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBundle } from '../../lib/bundle/write';
import {
  encryptToRecipients,
  randomId,
  readRecipientKey,
  sha256Hex,
  signDetached,
  utf8Encode,
  type RecipientKey,
} from '../../lib/crypto/index';
import { createEventLine, type CustodyEventInput } from '../../lib/custody/index';
import { createBundleExtras } from '../../lib/export/bundle-extras';
import { exportBundle, type ExportDeps } from '../../lib/export/export-bundle';
import { createStreamZlib } from '../../lib/reports/zlib-streams';
import { makeInput, unzipAll, verifyBytes } from './support/bundle-fixture';
import { reportFonts } from './support/report-fixture';

interface Prepared {
  line: string;
}

/** A gpg home with one fresh Ed25519/Cv25519 key, as a lawyer or helpline would have. */
function gpgHome(
  root: string,
  name: string,
): { home: string; publicKey: string; secretKey: string } {
  const home = mkdtempSync(join(root, 'gnupg-'));
  const gpg = (...args: string[]) =>
    execFileSync(
      'gpg',
      ['--homedir', home, '--batch', '--pinentry-mode', 'loopback', '--passphrase', '', ...args],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  gpg(
    '--quick-gen-key',
    `${name} <${name.toLowerCase()}@example.org>`,
    'future-default',
    'default',
    'never',
  );
  return {
    home,
    publicKey: gpg('--armor', '--export'),
    secretKey: gpg('--armor', '--export-secret-keys'),
  };
}

describe('encrypted hand-over opened with gpg', () => {
  let root: string;
  let lawyer: ReturnType<typeof gpgHome>;
  let helpline: ReturnType<typeof gpgHome>;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'attest-handover-'));
    lawyer = gpgHome(root, 'Lawyer');
    helpline = gpgHome(root, 'Helpline');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads a recipient key and refuses a private key', async () => {
    const key = await readRecipientKey(lawyer.publicKey);
    expect(key.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(key.label).toBe('Lawyer <lawyer@example.org>');
    await expect(readRecipientKey(lawyer.secretKey)).rejects.toThrow(/private key/);
    await expect(readRecipientKey(lawyer.publicKey + helpline.publicKey)).rejects.toThrow(
      /exactly one/,
    );
  });

  it('saves <bundle>.zip.gpg that each recipient decrypts with gpg to the exact signed bundle', async () => {
    const { input, identity } = await makeInput({ items: 2 });
    const lines = [...input.custodyLines];
    const vault: ExportDeps<Prepared>['vault'] = {
      getItem: (id) => {
        const e = input.items.find((i) => i.item.id === id);
        return Promise.resolve(e ? { item: e.item, storedFiles: [] } : null);
      },
      readFile: (id, path) => {
        const e = input.items.find((i) => i.item.id === id);
        return Promise.resolve(e!.files.find((f) => f.path === path)!.bytes);
      },
      identity: () => Promise.resolve({ ...identity }),
      custodyLines: () => Promise.resolve([...lines]),
      prepareCustodyEvent: (event) =>
        Promise.resolve({
          line: createEventLine(lines.at(-1) ?? null, event as CustodyEventInput).line,
        }),
      commitCustodyEvent: (p) => {
        lines.push(p.line);
        return Promise.resolve();
      },
    };
    const saved: Array<{ bytes: Uint8Array; filename: string }> = [];
    const recipients: RecipientKey[] = [
      await readRecipientKey(lawyer.publicKey),
      await readRecipientKey(helpline.publicKey),
    ];
    const result = await exportBundle(
      {
        vault,
        writeBundle,
        signDetached,
        sha256Hex,
        randomId,
        generator: input.generator,
        save: (bytes, filename) => {
          saved.push({ bytes, filename });
          return Promise.resolve(1);
        },
        lang: 'fr',
        extras: createBundleExtras({
          lang: 'fr',
          loadFonts: () => Promise.resolve(reportFonts()),
          loadVerifier: () => Promise.resolve(utf8Encode('<!doctype html><title>verify</title>\n')),
          classification: () => Promise.resolve(null),
          zlib: createStreamZlib(),
        }),
        encryptToRecipients,
      },
      input.items.map((i) => i.item.id),
      { recipients },
    );
    expect(saved).toHaveLength(1);
    expect(saved[0]!.filename).toMatch(/^attest-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.zip\.gpg$/);
    const sealedPath = join(root, saved[0]!.filename);
    writeFileSync(sealedPath, saved[0]!.bytes);
    // A binary OpenPGP message, not armored text.
    expect(saved[0]!.bytes[0]! & 0x80).toBe(0x80);

    for (const who of [lawyer, helpline]) {
      const zip = execFileSync(
        'gpg',
        ['--homedir', who.home, '--batch', '--quiet', '--decrypt', sealedPath],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const bytes = new Uint8Array(zip);
      expect(await sha256Hex(bytes)).toBe(result.zipSha256);
      const report = await verifyBytes(bytes);
      expect(report.errors).toEqual([]);
      expect(report.status).toBe('intact');
      const files = await unzipAll(bytes);
      expect(files.has('reports/report-fr.pdf')).toBe(true);
      expect(files.has('verify.html')).toBe(true);
      const readme = new TextDecoder().decode(files.get('README.txt'));
      for (const words of [
        'COMMENT VÉRIFIER',
        'sha256sum -c',
        'certutil',
        'shasum -a 256',
        'gpg --verify',
        'indépendamment',
      ])
        expect(readme).toContain(words);
    }

    const fingerprints = recipients.map((r) => r.fingerprint);
    expect(result.recipients).toEqual(fingerprints);
    expect(result.sha256).toBe(await sha256Hex(saved[0]!.bytes));
    const events = lines.map(
      (l) => JSON.parse(l) as { type: string; details: Record<string, unknown> },
    );
    const exported = events.find((e) => e.type === 'exported');
    expect(exported?.details.recipients).toEqual(fingerprints);
    const handed = events.at(-1);
    expect(handed?.type).toBe('handed-over');
    expect(handed?.details).toEqual({
      bundleId: result.bundleId,
      file: result.filename,
      sha256: result.sha256,
      recipients: fingerprints,
    });
  });
});
