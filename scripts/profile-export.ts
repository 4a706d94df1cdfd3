// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * npx tsx scripts/profile-export.ts   (add `node --cpu-prof --import tsx` for a CPU profile)
 * One export through the real lib/export code in Node: a real vault in fake-indexeddb holding
 *   - a tall full-page capture (PROFILE_SCREENS screens of 1920×1080, default 20) with a DOM
 *     snapshot, MHTML and inlined HTML archive of PROFILE_NODES elements (default 200 000),
 *   - PROFILE_SMALL small captures (default 5),
 *   - one more large capture that is NOT selected (whole-vault costs show up against it),
 * exported with the report, verify.html and the platform pack. Prints the time spent in each
 * stage (vault reads, PDF report, pack, bundle writer, signing, hashing). Figures, not a test.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeBundle } from '../lib/bundle/write';
import { writePackZip } from '../lib/bundle/write-pack';
import { randomId, sha256Hex, signDetached, utf8Encode } from '../lib/crypto/index';
import { createBundleExtras } from '../lib/export/bundle-extras';
import { createVaultAccess } from '../lib/export/create-vault-access';
import type { ItemJson } from '../lib/model/item';
import { createStreamZlib } from '../lib/reports/zlib-streams';
import { createDb, createKeyStore, createVault } from '../lib/vault/index';
import { pngFile } from './drive/png-file';
import { memorySession } from './memory-session';

const ROOT = resolve(import.meta.dirname, '..');
const SCREENS = Number(process.env.PROFILE_SCREENS ?? 20);
const NODES = Number(process.env.PROFILE_NODES ?? 200_000);
const SMALL = Number(process.env.PROFILE_SMALL ?? 5);
const WIDTH = 1920;

/** A screenshot-like RGBA PNG: coloured bands with rows of "text" (pseudo-random dark marks). */
function screenshotPng(width: number, height: number, seed: number): Uint8Array {
  const stride = width * 4 + 1;
  const raw = Buffer.alloc(stride * height);
  let s = seed * 2654435761;
  for (let y = 0; y < height; y++) {
    const band = Math.floor(y / 1080);
    const textRow = y % 24 < 14 && y % 1080 > 60;
    for (let x = 0; x < width; x++) {
      const o = y * stride + 1 + x * 4;
      s = (s * 1103515245 + 12345) >>> 0;
      const ink = textRow && x > 40 && x < width - 40 && (s >>> 24) % 5 === 0;
      raw[o] = ink ? 20 : (band * 37) & 0xff;
      raw[o + 1] = ink ? 20 : 200;
      raw[o + 2] = ink ? 20 : 230 - band;
      raw[o + 3] = 255;
    }
  }
  return new Uint8Array(pngFile(width, height, 6, raw));
}

function domHtml(nodes: number): string {
  const rows: string[] = [];
  for (let i = 0; i < nodes / 2; i++)
    rows.push(
      `<div class="r${i % 97}"><span>reply ${i}: you will regret this, ${i * 7}</span></div>`,
    );
  return `<!doctype html><html><head><title>big</title></head><body>${rows.join('\n')}</body></html>\n`;
}

async function capture(
  fingerprint: string,
  n: number,
  files: Array<{
    path: string;
    role: ItemJson['files'][number]['role'];
    type: string;
    bytes: Uint8Array;
  }>,
): Promise<{ item: ItemJson; files: Array<{ path: string; bytes: Uint8Array }> }> {
  const id = `prof${String(n).padStart(4, '0')}${randomId().slice(0, 20)}`;
  const item: ItemJson = {
    formatVersion: 1,
    id,
    capturedAt: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
    timezone: 'UTC',
    source: {
      url: `https://x.example/p/${n}`,
      finalUrl: `https://x.example/p/${n}`,
      title: `Post ${n}`,
    },
    environment: {
      userAgent: 'profile',
      browser: { name: 'chromium', version: '156' },
      extensionVersion: '0.1.0',
      viewport: { width: WIDTH, height: 1080 },
      devicePixelRatio: 1,
    },
    collector: { name: 'Profile', fingerprint },
    files: await Promise.all(
      files.map(async (f) => ({
        path: f.path,
        role: f.role,
        sha256: await sha256Hex(f.bytes),
        bytes: f.bytes.length,
        mediaType: f.type,
      })),
    ),
    notes: [],
  };
  return { item, files: files.map((f) => ({ path: f.path, bytes: f.bytes })) };
}

const spent = new Map<string, { ms: number; calls: number }>();
function timed<A extends unknown[], R>(name: string, fn: (...a: A) => Promise<R>) {
  return async (...a: A): Promise<R> => {
    const t = performance.now();
    try {
      return await fn(...a);
    } finally {
      const s = spent.get(name) ?? { ms: 0, calls: 0 };
      s.ms += performance.now() - t;
      s.calls++;
      spent.set(name, s);
    }
  };
}

async function main(): Promise<void> {
  const db = createDb({ name: 'profile-export', indexedDB: new IDBFactory(), IDBKeyRange });
  const vault = createVault({ db, keyStore: createKeyStore(memorySession()) });
  const { fingerprint } = await vault.create({
    passphrase: 'profile passphrase 42 x',
    collectorName: 'Profile',
  });
  let t = performance.now();
  const visible = screenshotPng(WIDTH, 1080, 1);
  const tall = screenshotPng(WIDTH, SCREENS * 1080, 2);
  const dom = utf8Encode(domHtml(NODES));
  const mhtml = utf8Encode(
    `MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n${domHtml(NODES)}`,
  );
  console.log(
    `fixtures: visible ${(visible.length / 1e6).toFixed(2)} MB, full page ${WIDTH}×${SCREENS * 1080} ` +
      `${(tall.length / 1e6).toFixed(2)} MB, DOM ${NODES} elements ${(dom.length / 1e6).toFixed(1)} MB ` +
      `(×3: snapshot, MHTML, inlined HTML) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const big = (n: number) =>
    capture(fingerprint, n, [
      {
        path: 'screenshot-visible.png',
        role: 'screenshot-visible',
        type: 'image/png',
        bytes: visible,
      },
      { path: 'page.html', role: 'dom-snapshot', type: 'text/html', bytes: dom },
      { path: 'screenshot-full.png', role: 'screenshot-full', type: 'image/png', bytes: tall },
      { path: 'page.mhtml', role: 'page-archive-mhtml', type: 'multipart/related', bytes: mhtml },
      { path: 'page-archive.html', role: 'page-archive-html', type: 'text/html', bytes: dom },
    ]);
  t = performance.now();
  const selected: string[] = [];
  const first = await big(0);
  await vault.commitCapture(first);
  selected.push(first.item.id);
  await vault.commitCapture(await big(1)); // in the vault, not selected
  const smallShot = screenshotPng(1280, 800, 3);
  for (let i = 0; i < SMALL; i++) {
    const c = await capture(fingerprint, 2 + i, [
      {
        path: 'screenshot-visible.png',
        role: 'screenshot-visible',
        type: 'image/png',
        bytes: smallShot,
      },
      {
        path: 'page.html',
        role: 'dom-snapshot',
        type: 'text/html',
        bytes: utf8Encode(domHtml(2000)),
      },
    ]);
    await vault.commitCapture(c);
    selected.push(c.item.id);
  }
  console.log(`vault filled in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const v = vault;
  const zlib = createStreamZlib();
  const extrasFn = createBundleExtras({
    lang: 'en',
    loadFonts: () =>
      Promise.resolve({
        regular: new Uint8Array(
          readFileSync(`${ROOT}/node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf`),
        ),
        bold: new Uint8Array(
          readFileSync(`${ROOT}/node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf`),
        ),
      }),
    loadVerifier: () => Promise.resolve(utf8Encode('<!doctype html><title>verify</title>\n')),
    classification: timed('vault.getClassification (extras)', (id: string) =>
      v.getClassification(id),
    ),
    zlib,
  });
  let zipBytes = 0;
  const access = createVaultAccess({
    vault: {
      ...v,
      getItem: timed('vault.getItem', (id: string) => v.getItem(id)),
      readFile: timed('vault.readFile', (id: string, p: string) => v.readFile(id, p)),
      identity: timed('vault.identity', () => v.identity()),
      custodyLines: timed('vault.custodyLines', () => v.custodyLines()),
      prepareCustodyEvent: timed(
        'vault.prepareCustodyEvent',
        (i: Parameters<typeof v.prepareCustodyEvent>[0]) => v.prepareCustodyEvent(i),
      ),
      commitCustodyEvent: timed(
        'vault.commitCustodyEvent',
        (p: Parameters<typeof v.commitCustodyEvent>[0]) => v.commitCustodyEvent(p),
      ),
      getClassification: timed('vault.getClassification', (id: string) => v.getClassification(id)),
      settings: () => v.settings(),
      timestampReceipt: timed('vault.timestampReceipt', (id: string) => v.timestampReceipt(id)),
      imports: timed('vault.imports', () => v.imports()),
    },
    writeBundle: timed('writeBundle (hash, manifest, sign, zip)', writeBundle),
    signDetached: timed('signDetached', signDetached),
    sha256Hex: timed('sha256Hex (whole zip)', sha256Hex),
    randomId,
    generator: { name: 'Attest', version: '0.1.0', browser: 'node' },
    save: (bytes) => {
      zipBytes = bytes.length;
      return Promise.resolve(1);
    },
    pack: { decode: () => Promise.reject(new Error('no NCII item here')), writePackZip },
    lang: 'en',
    extras: timed('extras (PDF report + verify.html)', extrasFn),
  });
  t = performance.now();
  await access.exportItems(selected);
  const total = performance.now() - t;
  console.log(
    `export of ${selected.length} items: ${(total / 1000).toFixed(2)} s, bundle ${(zipBytes / 1e6).toFixed(1)} MB`,
  );
  for (const [name, s] of spent)
    console.log(
      `  ${name.padEnd(44)} ${(s.ms / 1000).toFixed(2).padStart(7)} s  (${s.calls} calls)`,
    );
  db.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
