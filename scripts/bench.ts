// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * npm run bench   (BENCH_ITEMS=500 BENCH_MB=500 by default; scale down with the env vars)
 * Writes a bundle with the real writer into a temp dir, then times in the same run:
 *   A. our CLI verifier: `node --import tsx scripts/verify.ts bundle.zip` (no npx: its ~0.3 s
 *      start-up would be measured too), output discarded; node + tsx start-up is included;
 *   B. the stock-tool baseline: `unzip -q bundle.zip -d dir && sha256sum -c --quiet SHA256SUMS`.
 * Prints both times, the ratio A/B (goal <= 1.25) and A's peak RSS (goal <= 256 MiB).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeBundle, type BundleInput } from '../lib/bundle/write';
import { generateIdentity, sha256Hex, signDetached, utf8Encode } from '../lib/crypto/index';
import { createEventLine } from '../lib/custody/chain';
import type { ItemJson } from '../lib/model/item';

const ROOT = resolve(import.meta.dirname, '..');
const ITEMS = Number(process.env.BENCH_ITEMS ?? 500);
const MB = Number(process.env.BENCH_MB ?? 500);
const AT = new Date().toISOString();
const TIME = '/usr/bin/time';

async function makeInput(): Promise<{
  input: BundleInput;
  sign: (d: Uint8Array) => Promise<string>;
}> {
  const id = await generateIdentity({ name: 'Bench Collector' });
  const html = utf8Encode(
    `<html><body>${'<p>a post, a reply, a threat</p>\n'.repeat(100)}</body></html>\n`,
  );
  const pngBytes = Math.max(64, Math.floor((MB * 2 ** 20) / ITEMS) - html.length);
  const items: BundleInput['items'] = [];
  const lines: string[] = [];
  const log = (input: Parameters<typeof createEventLine>[1]) =>
    lines.push(createEventLine(lines[lines.length - 1] ?? null, input).line);
  log({ at: AT, type: 'vault-created', details: { fingerprint: id.fingerprint } });
  for (let i = 0; i < ITEMS; i++) {
    // Random bytes behind a PNG signature: incompressible, like real screenshots.
    const png = new Uint8Array(randomBytes(pngBytes));
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const itemId = i.toString(16).padStart(32, '0');
    const files: ItemJson['files'] = [
      {
        path: 'screenshot.png',
        role: 'screenshot-visible',
        sha256: await sha256Hex(png),
        bytes: png.length,
        mediaType: 'image/png',
      },
      {
        path: 'page.html',
        role: 'dom-snapshot',
        sha256: await sha256Hex(html),
        bytes: html.length,
        mediaType: 'text/html',
      },
    ];
    const item: ItemJson = {
      formatVersion: 1,
      id: itemId,
      capturedAt: AT,
      timezone: 'UTC',
      source: {
        url: `https://example.org/p/${i}`,
        finalUrl: `https://example.org/p/${i}`,
        title: `Post ${i}`,
      },
      environment: {
        userAgent: 'bench',
        browser: { name: 'node', version: process.versions.node },
        extensionVersion: '0.1.0',
        viewport: { width: 1280, height: 800 },
        devicePixelRatio: 1,
      },
      collector: { name: 'Bench Collector', fingerprint: id.fingerprint },
      files,
    };
    log({
      at: AT,
      type: 'captured',
      itemId,
      details: { files: files.map(({ path, sha256 }) => ({ path, sha256 })) },
    });
    items.push({
      item,
      files: [
        { path: 'screenshot.png', bytes: png },
        { path: 'page.html', bytes: html },
      ],
    });
  }
  const input: BundleInput = {
    bundleId: 'bench0000000000000000000000000000'.slice(0, 32),
    createdAt: AT,
    generator: { name: 'Attest bench', version: '0.1.0', browser: 'node' },
    collector: {
      name: 'Bench Collector',
      fingerprint: id.fingerprint,
      publicKeyArmored: id.publicKeyArmored,
    },
    items,
    custodyLines: lines,
  };
  return { input, sign: (d) => signDetached(d, id.privateKeyArmored) };
}

/** Runs a command under /usr/bin/time -v when present; returns wall seconds and peak RSS (MiB). */
function timed(
  cmd: string,
  args: string[],
  cwd: string,
): { seconds: number; rssMiB?: number; code: number | null } {
  const useTime = existsSync(TIME);
  const start = performance.now();
  const r = useTime
    ? spawnSync(TIME, ['-v', cmd, ...args], {
        cwd,
        stdio: ['ignore', 'ignore', 'pipe'],
        encoding: 'utf8',
      })
    : spawnSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const seconds = (performance.now() - start) / 1000;
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '')?.[1];
  return { seconds, rssMiB: kb === undefined ? undefined : Number(kb) / 1024, code: r.status };
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'attest-bench-'));
  try {
    console.log(`bench: ${ITEMS} items, ~${MB} MB of incompressible screenshots`);
    const t0 = performance.now();
    const { input, sign } = await makeInput();
    const t1 = performance.now();
    const zip = await writeBundle(input, { sign });
    const t2 = performance.now();
    const bundle = join(work, 'bundle.zip');
    writeFileSync(bundle, zip);
    const size = statSync(bundle).size;
    console.log(
      `generated in ${((t1 - t0) / 1000).toFixed(1)} s; writeBundle ${((t2 - t1) / 1000).toFixed(1)} s; ` +
        `bundle ${(size / 2 ** 20).toFixed(1)} MiB; writer process peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
    );
    const runs: Array<{ ours: number; stock: number; rss?: number }> = [];
    for (let i = 0; i < 2; i++) {
      const dir = join(work, `unzipped-${i}`);
      const stock = timed(
        'sh',
        [
          '-c',
          `unzip -q "${bundle}" -d "${dir}" && cd "${dir}" && sha256sum -c --quiet SHA256SUMS`,
        ],
        work,
      );
      rmSync(dir, { recursive: true, force: true });
      const ours = timed(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'scripts/verify.ts'), bundle],
        ROOT,
      );
      if (stock.code !== 0 || ours.code !== 0)
        throw new Error(`a verification failed (stock ${stock.code}, ours ${ours.code})`);
      runs.push({ ours: ours.seconds, stock: stock.seconds, rss: ours.rssMiB });
      console.log(
        `run ${i + 1}: verify ${ours.seconds.toFixed(2)} s (peak RSS ${ours.rssMiB?.toFixed(0) ?? '?'} MiB), ` +
          `unzip + sha256sum -c ${stock.seconds.toFixed(2)} s, ratio ${(ours.seconds / stock.seconds).toFixed(2)}`,
      );
    }
    const best = (k: 'ours' | 'stock') => Math.min(...runs.map((r) => r[k]));
    const ratio = best('ours') / best('stock');
    const rss = Math.max(...runs.map((r) => r.rss ?? 0));
    console.log(
      `best: verify ${best('ours').toFixed(2)} s vs unzip + sha256sum ${best('stock').toFixed(2)} s: ` +
        `ratio ${ratio.toFixed(2)} (goal <= 1.25) ${ratio <= 1.25 ? 'MET' : 'NOT MET'}`,
    );
    console.log(
      `verify peak RSS ${rss.toFixed(0)} MiB (goal <= 256) ${rss > 0 && rss <= 256 ? 'MET' : rss === 0 ? 'UNKNOWN' : 'NOT MET'}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
