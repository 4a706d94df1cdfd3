// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The main job, end to end in a real headless Chromium: build the extension if needed, set up a
 * vault, capture pages (bundled samples on localhost by default), export one signed bundle into
 * --out, verify it, and print its path.
 *
 *   npm run demo -- --out DIR [--url URL]...
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { drivePlaywright, launchChromium } from './drive/chromium.ts';
import { startFixtureServer } from './drive/fixture-server.ts';
import { captureFromPopup, downloadedFile, exportItems, setUpVault } from './drive/flow.ts';

const ROOT = resolve(import.meta.dirname, '..');
const EXTENSION = join(ROOT, '.output/chrome-mv3');
const SAMPLES = join(ROOT, 'tests/fixtures/pages');
const SOURCES = [
  'entrypoints',
  'components',
  'lib',
  'public',
  'standalone',
  'wxt.config.ts',
  'vite.verify.config.ts',
  'package.json',
];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function buildIfNeeded(): void {
  const manifest = join(EXTENSION, 'manifest.json');
  const built = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  const sources = Math.max(
    ...SOURCES.map((s) => join(ROOT, s))
      .filter(existsSync)
      .map(newestMtime),
  );
  if (built > sources) return;
  console.log('Building the offline verifier and the extension (Chromium)…');
  for (const args of [
    ['vite', 'build', '-c', 'vite.verify.config.ts'],
    ['wxt', 'build'],
  ]) {
    const run = spawnSync('npx', args, { cwd: ROOT, stdio: 'inherit' });
    if (run.status !== 0) throw new Error('the extension did not build');
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, url: { type: 'string', multiple: true } },
  });
  if (!values.out) {
    console.error('usage: npm run demo -- --out DIR [--url URL]...');
    return 2;
  }
  const out = resolve(values.out);
  mkdirSync(out, { recursive: true });
  buildIfNeeded();

  const work = mkdtempSync(join(tmpdir(), 'attest-demo-'));
  const server = values.url?.length ? null : await startFixtureServer(SAMPLES);
  const urls =
    values.url ??
    readdirSync(SAMPLES)
      .filter((f) => f.endsWith('.html'))
      .sort()
      .map((f) => server?.url(f) ?? f);
  const session = await launchChromium({
    extensionDir: EXTENSION,
    userDataDir: join(work, 'profile'),
  });
  try {
    const vault = drivePlaywright(await session.vaultPage());
    const fingerprint = await setUpVault(vault, 'Demo Collector');
    console.log(`Vault set up; collector key fingerprint ${fingerprint}`);
    const ids: string[] = [];
    const tab = await session.context.newPage();
    for (const url of urls) {
      await tab.goto(url, { waitUntil: 'load' });
      await tab.bringToFront();
      const popup = await session.openPopup();
      ids.push(await captureFromPopup(drivePlaywright(popup)));
      await popup.close();
      console.log(`Captured ${url}`);
    }
    const { downloadId, filename } = await exportItems(vault, ids);
    // Playwright keeps downloads under generated names until the browser closes: copy it out now.
    const saved = await downloadedFile(vault, downloadId);
    const bundle = join(out, filename);
    copyFileSync(saved, bundle);
    const verify = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts/verify.ts'), bundle],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
    if (verify.status !== 0)
      throw new Error(`the exported bundle did not verify (exit ${verify.status})`);
    console.log(`\nBundle: ${bundle}`);
    return 0;
  } finally {
    await session.close();
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
