// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, full disk, for any browser: the profile sits on a small tmpfs; capture a 4 MB page until
// the disk is full. Every failed capture must be shown in the popup as "storage full" (in English,
// then after restarts in each other language given), every earlier item must still read back with
// its SHA-256, and nothing partial may be left (no orphan chunk, no custody event without item).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { startFixtureServer } from '../../../scripts/drive/fixture-server.ts';
import { PASSPHRASE, setUpVault } from '../../../scripts/drive/flow.ts';
import { submitUnlock } from '../../../scripts/drive/security-flow.ts';
import { writeHeavyPage } from './heavy-pages';
import { captureOnce, type ProfileSession, type StartOnProfile } from './profile-sessions';
import { seededRandom } from './seeded-random';
import { mountSmallDisk, type SmallDisk } from './small-disk';
import { auditProblems, auditVault } from './vault-audit';

const ROOT = resolve(import.meta.dirname, '../../..');
const MB = 1024 * 1024;
const DISK_MB = 128;
const RESERVE_BYTES = 1 * MB;

const storageFullText = (lang: string): string =>
  (
    JSON.parse(readFileSync(join(ROOT, `public/_locales/${lang}/messages.json`), 'utf8')) as Record<
      string,
      { message: string }
    >
  ).errorStorageFull!.message;

/** Prepares the page, the server and the disk; `run` fills the disk; `close` cleans up. */
export async function fullDiskRun(options: {
  name: string;
  /** How to start the browser; `downloads` is a folder off the small disk. */
  start: (downloads: string) => StartOnProfile;
  /** The first is used until the disk is full, then one restart in each of the others. */
  locales: readonly string[];
  /**
   * MiB to leave free with a filler file once the browser runs: a browser that sets its storage
   * limit from the free space at start (Firefox) then meets a full disk before that limit.
   */
  leaveFreeMiB?: number;
}) {
  const work = mkdtempSync(join(tmpdir(), `attest-full-disk-${options.name}-`));
  const page = writeHeavyPage(join(work, 'pages'), 'four-mb', 4 * MB, seededRandom(5));
  const server = await startFixtureServer(join(work, 'pages'));
  let disk: SmallDisk | undefined;
  let session: ProfileSession | undefined;
  const start = options.start(join(work, 'downloads'));

  const close = async () => {
    await session?.close().catch(() => undefined);
    await server.close();
    disk?.unmount();
    rmSync(work, { recursive: true, force: true });
  };

  const run = async () => {
    disk = mountSmallDisk(join(work, 'disk'), DISK_MB);
    const profile = join(disk.dir, 'profile');
    const [first, ...others] = options.locales;
    session = await start(profile, first);
    const vault = await session.vault();
    await setUpVault(vault, 'Full Disk Collector');
    // Room the test harness needs to start the browser again on the full disk (the Firefox driver
    // copies prefs.js and user.js at every launch: ENOSPC there, seen in CI). One per restart,
    // freed just before it; the captures after it fill the disk again before one is refused.
    const reserve = (lang: string) => join(disk!.dir, `reserve-${lang}`);
    for (const lang of others) writeFileSync(reserve(lang), Buffer.alloc(RESERVE_BYTES));
    const freeAtStart = disk.free();
    if (options.leaveFreeMiB !== undefined)
      writeFileSync(
        join(disk.dir, 'filler'),
        Buffer.alloc(freeAtStart - options.leaveFreeMiB * MB),
      );
    const items: string[] = [];
    const failures: Array<{ lang: string; shown: string }> = [];
    while (failures.length < 2) {
      const r = await captureOnce(session, server.url(page.name));
      if ('id' in r) items.push(r.id);
      else failures.push({ lang: first!, shown: r.shown });
      if (items.length > (DISK_MB * MB) / page.bytes) throw new Error('the disk never filled up');
    }
    const freeWhenFull = disk.free();
    // Each check with the items stored by then (a capture after a restart adds one).
    const audits = [await auditVault(vault)];
    const storedAt = [[...items]];
    await session.close();

    // Restarted on the full disk in each other language: unlock, capture again, read back.
    for (const lang of others) {
      rmSync(reserve(lang));
      session = await start(profile, lang);
      const again = await session.vault();
      await submitUnlock(again, PASSPHRASE);
      await again.waitFor('#item-list', 60_000);
      // A restart may free a little room (the browser's own files): capture until refused again.
      for (let attempt = 1; ; attempt++) {
        const r = await captureOnce(session, server.url(page.name));
        if ('shown' in r) {
          failures.push({ lang, shown: r.shown });
          break;
        }
        items.push(r.id);
        if (attempt > 3) throw new Error(`the disk is not full any more after the ${lang} restart`);
      }
      audits.push(await auditVault(again));
      storedAt.push([...items]);
      await session.close();
    }
    session = undefined;

    const last = audits.at(-1)!;
    console.log(
      `full disk (${options.name}): ${DISK_MB} MiB tmpfs, ${(freeAtStart / MB).toFixed(1)} MiB free ` +
        `after setup${options.leaveFreeMiB === undefined ? '' : `, ${options.leaveFreeMiB} MiB left by a filler`}, ` +
        `${(freeWhenFull / MB).toFixed(1)} MiB when full; ${(page.bytes / MB).toFixed(1)} MB page; ` +
        `${items.length} captures stored, then ${failures.length} refused; ` +
        `after each of ${audits.length} checks ${last.items.length} items read back with their ` +
        `SHA-256, problems ${JSON.stringify(audits.map(auditProblems).flat())}; shown:\n` +
        failures.map((f) => `  [${f.lang}] ${f.shown}`).join('\n'),
    );
    expect(items.length).toBeGreaterThan(0);
    expect(failures.map((f) => f.lang)).toEqual([first, first, ...others]);
    for (const f of failures) expect(f.shown.startsWith(storageFullText(f.lang))).toBe(true);
    audits.forEach((audit, i) => {
      expect(auditProblems(audit)).toEqual([]);
      expect(new Set(audit.items.map((item) => item.id))).toEqual(new Set(storedAt[i]));
    });
  };

  return { run, close };
}
