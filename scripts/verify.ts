// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * npm run verify -- <bundle.zip> [--json]
 * Verifies an Attest evidence bundle with the same verifier as the extension's Verify page, reading
 * the archive in place (nothing is extracted or written). Exit 0 intact, 1 tampered, 2 unreadable.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { groupFingerprint } from '../lib/bundle/readme';
import type { VerifyReport } from '../lib/bundle/report';
import { verifyBundle } from '../lib/bundle/verify';
import type { ByteSource } from '../lib/bundle/zip-archive';

const EXIT = { intact: 0, tampered: 1, unreadable: 2 } as const;

// Node's OpenSSL SHA-256 is several times faster than the portable WASM one the page uses.
const nodeSha256 = () => {
  const h = createHash('sha256');
  return { update: (c: Uint8Array) => void h.update(c), digestHex: () => h.digest('hex') };
};

// As `openssl x509 -fingerprint -sha256` prints it, so a reader can compare the two at a glance.
const colons = (hex: string): string => (hex.toUpperCase().match(/.{2}/g) ?? []).join(':');

function timestampLines(stamps: NonNullable<VerifyReport['timestamps']>): string[] {
  const out = ['', 'Timestamps (RFC 3161, over each item\'s "captured" custody line):'];
  for (const t of stamps) {
    if (!t.ok) {
      out.push(`  [FAIL] ${t.itemId}: ${t.errors.join('; ')}`);
      continue;
    }
    out.push(
      `  [ OK ] ${t.itemId}: ${t.genTime ?? '?'} by ${t.tsaName ?? '?'}`,
      `         root ${t.root?.subject ?? '?'}, SHA-256 fingerprint ${colons(t.root?.sha256 ?? '?')}`,
    );
  }
  out.push(
    '  The roots came with the bundle: trust a time only if its root is the one the authority publishes.',
  );
  return out;
}

function print(report: VerifyReport, file: string): void {
  const out: string[] = ['Attest bundle verifier (bundle format v1)', `Bundle:     ${file}`];
  if (report.bundleId) out.push(`Bundle id:  ${report.bundleId}`);
  if (report.collector) out.push(`Collector:  ${report.collector.name}`);
  if (report.fingerprint)
    out.push(
      `Signed by:  ${groupFingerprint(report.fingerprint)}  (confirm it with the collector out of band)`,
    );
  out.push('', 'Checks:');
  for (const c of report.checks) out.push(`  [${c.ok ? ' OK ' : 'FAIL'}] ${c.id}: ${c.message}`);
  if (report.files.length > 0) out.push('', 'Files (SHA-256):');
  for (const f of report.files) {
    if (f.ok) out.push(`  [ OK ] ${f.actual ?? ''}  ${f.path}`);
    else
      out.push(
        `  [FAIL] ${f.path}: ${f.problem ?? 'failed'}${f.expected ? `; expected ${f.expected}` : ''}${f.actual ? `; actual ${f.actual}` : ''}`,
      );
  }
  if (report.status !== 'unreadable') {
    const c = report.custody;
    out.push(
      '',
      `Custody:    ${c.events} events, chain ${c.ok ? 'intact' : 'BROKEN'}, head ${c.head ?? '-'}`,
    );
  }
  if (report.collectors?.some((c) => !c.signer)) {
    out.push('', 'Collectors (who vouches for which item):');
    for (const c of report.collectors) {
      const how = c.signer ? 'signed this bundle' : 'own signature in collectors/';
      out.push(`  ${c.name} ${groupFingerprint(c.fingerprint)} (${how}): ${c.items.join(' ')}`);
    }
  }
  if (report.timestamps) out.push(...timestampLines(report.timestamps));
  out.push('');
  if (report.status === 'intact') {
    out.push('RESULT: INTACT: every file listed and hashed, signature good, custody chain intact.');
  } else if (report.status === 'unreadable') {
    out.push(`RESULT: UNREADABLE: ${report.errors.join('; ')}`);
  } else {
    out.push(`RESULT: ${report.status.toUpperCase()}: ${report.errors.length} problem(s)`);
    for (const e of report.errors) out.push(`  - ${e}`);
  }
  console.log(out.join('\n'));
}

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const files = argv.filter((a) => a !== '--json' && a !== '--');
  if (files.length !== 1 || files[0] === undefined) {
    console.error('usage: npm run verify -- <bundle.zip> [--json]');
    return EXIT.unreadable;
  }
  const file = files[0];
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (e) {
    console.error(
      `RESULT: UNREADABLE: cannot open ${file} (${e instanceof Error ? e.message : String(e)})`,
    );
    return EXIT.unreadable;
  }
  try {
    const { size } = await handle.stat();
    const fh = handle;
    const source: ByteSource = {
      size,
      read: async (offset, length) => {
        const buffer = Buffer.allocUnsafe(length);
        const { bytesRead } = await fh.read(buffer, 0, length, offset);
        return buffer.subarray(0, bytesRead);
      },
    };
    const report = await verifyBundle(source, { createHash: nodeSha256 });
    if (json) console.log(JSON.stringify(report, null, 2));
    else print(report, file);
    return EXIT[report.status];
  } finally {
    await handle.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // A verifier that cannot run says so and never exits 0 (fail closed).
    console.error(
      `RESULT: UNREADABLE: verifier error: ${e instanceof Error ? e.message : String(e)}`,
    );
    process.exitCode = EXIT.unreadable;
  },
);
