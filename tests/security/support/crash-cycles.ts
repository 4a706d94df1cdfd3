// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, crash during capture, for any browser: capture pages of up to 20 MB and SIGKILL the
// whole browser at random moments, some while the capture is being written. After every restart
// (same profile) and unlock: every acknowledged capture is there, every item verifies in an
// exported bundle (stock tools and our verifier), and nothing is half-written (no blob with a gap,
// no chunk or blob without its item, no custody event without its item and no item without its
// event). Control: rows deleted by hand are reported by the same checks. Replay with
// ATTEST_SEED=<seed>.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../../scripts/drive/fixture-server.ts';
import {
  PASSPHRASE,
  downloadedFile,
  exportItems,
  setUpVault,
  type DrivenPage,
} from '../../../scripts/drive/flow.ts';
import { submitUnlock } from '../../../scripts/drive/security-flow.ts';
import { CHECK_BUNDLE, runVerifyCli } from '../../e2e/support/stock-checks.ts';
import { writeHeavyPage, type HeavyPage } from './heavy-pages';
import type { ProfileSession } from './profile-sessions';
import { seedFromEnv, seededRandom } from './seeded-random';
import { auditProblems, auditVault, deleteRow } from './vault-audit';

const MB = 1024 * 1024;
export const CAPTURES_PER_CYCLE = 5;

/** What differs between browsers: how to start one on a profile, where it writes, how to kill it. */
export interface CrashBrowser {
  name: string;
  /** Starts the browser with the built extension on `profile`, the same folder every time. */
  start(profile: string, work: string): Promise<ProfileSession>;
  /** The folder the extension's IndexedDB is written under, watched to see a capture's write begin. */
  storageDir(profile: string): string;
  /** SIGKILLs the browser of `profile` with its whole process group; resolves once it is gone. */
  kill(profile: string): Promise<void>;
}

/** Bytes of the files under `dir`; the databases delete and rename files as they go. */
function bytesIn(dir: string): number {
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return -1; // a folder went away mid-walk: no reading this time
  }
  let sum = 0;
  for (const name of names) {
    try {
      const stat = statSync(join(dir, name));
      if (stat.isFile()) sum += stat.size;
    } catch {
      // rotated away meanwhile
    }
  }
  return sum;
}

type KillMoment = 'before commit' | 'mid-commit' | 'after acknowledgement';

/** Prepares the pages and the server; `run` then does `cycles` kills; `close` cleans up. */
export async function crashRun(browser: CrashBrowser, cycles: number) {
  const seed = seedFromEnv();
  const random = seededRandom(seed);
  const work = mkdtempSync(join(tmpdir(), `attest-crash-${browser.name}-`));
  const pages: HeavyPage[] = [];
  // One page of 20 MB, the others log-uniform between 20 kB and 20 MB.
  const sizes = [20 * MB, ...Array.from({ length: 7 }, () => 20e3 * 1000 ** random.next())];
  for (const [i, size] of sizes.entries())
    pages.push(writeHeavyPage(join(work, 'pages'), `heavy-${i}`, Math.round(size), random));
  const server: FixtureServer = await startFixtureServer(join(work, 'pages'));
  let session: ProfileSession | undefined;

  const close = async () => {
    await session?.close().catch(() => undefined);
    await server.close();
    rmSync(work, { recursive: true, force: true });
  };

  const run = async () => {
    console.log(
      `crash during capture (${browser.name}): seed ${seed} (replay: ATTEST_SEED=${seed}); pages of ` +
        pages.map((p) => `${(p.bytes / MB).toFixed(2)}`).join(', ') +
        ' MB',
    );
    const profile = join(work, 'profile');
    session = await browser.start(profile, work);
    const storageBytes = () => bytesIn(browser.storageDir(profile));
    let vault = await session.vault();
    await setUpVault(vault, 'Crash Collector');

    const acknowledged = new Set<string>();
    const seen = new Set<string>();
    // Items committed by the interrupted captures: exported and checked with stock tools at the end.
    const interrupted: string[] = [];
    const kills: Array<{ moment: KillMoment; kept: boolean; aim: string; mb: number }> = [];
    let captures = 0;
    const spent = { captures: 0, restarts: 0, checks: 0 };
    let audits = 0;
    let filesChecked = 0;

    // In the unlocked vault page, after a restart: the whole vault read back through lib/vault.
    const verifyVault = async (v: DrivenPage): Promise<{ fresh: string[] }> => {
      const audit = await auditVault(v);
      const ids = audit.items.map((i) => i.id);
      const listed = await v.evaluate<string[]>(
        `Array.from(document.querySelectorAll('#item-list [data-item-id]'), (e) => e.dataset.itemId)`,
      );
      expect(new Set(listed)).toEqual(new Set(ids));
      for (const ack of acknowledged) expect(ids).toContain(ack);
      const fresh = ids.filter((i) => !seen.has(i));
      // Only the capture the kill interrupted can be there unacknowledged.
      expect(fresh.filter((i) => !acknowledged.has(i)).length).toBeLessThanOrEqual(1);
      for (const i of fresh) seen.add(i);
      expect(auditProblems(audit)).toEqual([]);
      audits++;
      filesChecked = audit.items.reduce((n, i) => n + i.files.length, 0);
      return { fresh };
    };

    // Clicks capture in a fresh popup and watches the storage folder and the popup's status
    // until `stop` says so; `writingAt` is when the capture's first bytes reached the folder.
    const watchCapture = async (
      page: HeavyPage,
      stop: (w: { started: number; writingAt?: number; state: string | null }) => boolean,
      aiming = false,
    ) => {
      await session!.show(server.url(page.name));
      const popup = await session!.openPopup();
      await popup.page.waitFor('#capture-button');
      let base = storageBytes();
      while (base < 0) base = storageBytes();
      await popup.page.click('#capture-button');
      captures++;
      const w: { started: number; writingAt?: number; state: string | null } = {
        started: Date.now(),
        state: null,
      };
      while (!stop(w)) {
        await new Promise((r) => setTimeout(r, 10));
        if (w.writingAt === undefined && storageBytes() > base) w.writingAt = Date.now();
        // Aiming a kill: no round trip to the browser between the decision and the kill.
        if (!aiming) w.state = await popup.page.attr('#capture-status', 'data-state');
        if (Date.now() - w.started > 180_000) throw new Error('a capture took over 3 minutes');
      }
      if (aiming) w.state = await popup.page.attr('#capture-status', 'data-state');
      const itemId = await popup.page.attr('#capture-status', 'data-item-id');
      if (w.state === 'done' && itemId) acknowledged.add(itemId);
      return { ...w, popup, itemId };
    };

    for (let cycle = 1; cycle <= cycles; cycle++) {
      const cycleStart = Date.now();
      // Per page captured this cycle: the whole capture, and its write window (first bytes
      // written to acknowledgement), so the kill can aim at a moment inside either.
      const timing = new Map<HeavyPage, { total: number; writing: number }>();
      for (let k = 1; k < CAPTURES_PER_CYCLE; k++) {
        const page = random.pick(pages);
        const w = await watchCapture(page, (x) => x.state === 'done' || x.state === 'error');
        if (w.state !== 'done')
          throw new Error(`capture failed: ${await w.popup.page.text('#capture-status')}`);
        const end = Date.now();
        timing.set(page, { total: end - w.started, writing: end - (w.writingAt ?? end) });
        await w.popup.close();
      }
      spent.captures += Date.now() - cycleStart;
      // The killed capture: a page this cycle captured already, so its timing is known. Aimed at
      // the write half of the time, and always in the last cycle if no kill was aimed there yet.
      const onCommit =
        random.next() < 0.5 || (cycle === cycles && !kills.some((k) => k.aim.includes('write')));
      // Aimed at the write: the 20 MB page, whose write (about 55 MB) outlasts the time a kill
      // takes to land; small pages write in under 100 ms. Its window as measured when known.
      const page = onCommit ? pages[0]! : random.pick([...timing.keys()]);
      const { total, writing } = timing.get(page) ?? { total: 60_000, writing: 400 };
      const delay = onCommit ? random.int(0, writing) : random.int(0, Math.round(1.25 * total));
      const w = await watchCapture(
        page,
        (x) =>
          (onCommit
            ? x.writingAt !== undefined && Date.now() - x.writingAt >= delay
            : Date.now() - x.started >= delay) ||
          // Never wrote (it failed, or the poll missed it): killed afterwards anyway.
          Date.now() - x.started > 2 * total + 5_000,
        true,
      );
      const done = w.state === 'done';
      const moment: KillMoment = done
        ? 'after acknowledgement'
        : w.writingAt !== undefined
          ? 'mid-commit'
          : 'before commit';
      await browser.kill(profile);
      const killedAt = Date.now();
      await session.close().catch(() => undefined);

      session = await browser.start(profile, work);
      vault = await session.vault();
      await submitUnlock(vault, PASSPHRASE);
      await vault.waitFor('#item-list', 60_000);
      const restarted = Date.now();
      spent.restarts += restarted - killedAt;
      const { fresh } = await verifyVault(vault);
      spent.checks += Date.now() - restarted;
      const kept = fresh.filter((i) => !acknowledged.has(i) || i === w.itemId);
      interrupted.push(...kept);
      kills.push({
        moment,
        kept: kept.length > 0,
        aim: onCommit
          ? `${delay} of ${writing} ms into the write`
          : `${delay} of ${total} ms after the click`,
        mb: page.bytes / MB,
      });
    }

    // The items the interrupted captures committed, exported and checked with stock tools and our
    // verifier (every item was already read back through the vault after each restart).
    // Smallest first, up to 5 MB: exporting takes over 2 s per MB on a loaded machine, and the
    // export page waits 2 minutes at most. With no small one, the smallest item of all.
    const itemBytes = new Map(
      (await auditVault(vault)).items.map((i) => [i.id, i.files.reduce((n, f) => n + f.bytes, 0)]),
    );
    const bySize = (ids: string[]) =>
      [...ids].sort((a, b) => itemBytes.get(a)! - itemBytes.get(b)!);
    const small = bySize(interrupted).filter(
      (_, i, all) => all.slice(0, i + 1).reduce((n, c) => n + itemBytes.get(c)!, 0) < 5 * MB,
    );
    const exported = small.length > 0 ? small : bySize([...itemBytes.keys()]).slice(0, 1);
    // The export's own 2-minute wait: the report no longer re-encodes screenshots at full size
    // nor lays out the whole vault's custody log, which made this export time out in CI.
    const { downloadId } = await exportItems(vault, exported);
    const bundle = await downloadedFile(vault, downloadId);
    const stock = spawnSync(CHECK_BUNDLE, [bundle], { encoding: 'utf8' });
    expect(stock.stdout + stock.stderr).toMatch(/^OK: /);
    const ours = runVerifyCli(bundle);
    expect(ours.code, ours.output).toBe(0);

    // Controls: rows removed by hand (raw IndexedDB, in the extension's page) are reported.
    const before = await auditVault(vault);
    const multi = before.items.flatMap((i) => i.files).find((f) => f.chunks > 1)!;
    await deleteRow(vault, 'chunks', `${multi.blobId}.1`);
    const noChunk = auditProblems(await auditVault(vault));
    const victim = before.items.find((i) => !i.files.includes(multi))!.id;
    await deleteRow(vault, 'items', victim);
    const noItem = auditProblems(await auditVault(vault));
    await session.close();
    session = undefined;

    const count = (m: KillMoment) => kills.filter((k) => k.moment === m);
    console.log(
      `crash during capture (${browser.name}): ${captures} captures, ${kills.length} kills (SIGKILL ` +
        `of the browser's process group): ${count('before commit').length} before the commit, ` +
        `${count('mid-commit').length} mid-commit (${count('mid-commit').filter((k) => k.kept).length} ` +
        `of them committed whole, the rest left nothing), ${count('after acknowledgement').length} ` +
        `after the acknowledgement; ${acknowledged.size} acknowledged captures all kept; ` +
        `after each of ${audits} restarts every item read back through the vault with its ` +
        `SHA-256 (${seen.size} items, ${filesChecked} files at the end), 0 half-written items; ` +
        `${interrupted.length} items committed by interrupted captures, ${exported.length} items ` +
        `(${(exported.reduce((n, c) => n + itemBytes.get(c)!, 0) / MB).toFixed(1)} MB) exported: check-bundle ` +
        `${stock.stdout.trim()}, verify CLI exit ${ours.code}. ` +
        `Control: a deleted chunk -> ${JSON.stringify(noChunk)}; ` +
        `a deleted item -> ${JSON.stringify(noItem)}; seconds spent capturing ` +
        `${Math.round(spent.captures / 1000)}, restarting and unlocking ` +
        `${Math.round(spent.restarts / 1000)}, exporting and checking ${Math.round(spent.checks / 1000)}\n` +
        kills
          .map(
            (k, i) =>
              `  kill ${i + 1}: ${k.mb.toFixed(2)} MB page, aimed ${k.aim}: ${k.moment}, ` +
              (k.kept ? 'item committed whole' : 'nothing stored'),
          )
          .join('\n'),
    );
    expect(kills.length).toBe(cycles);
    expect(captures).toBeGreaterThanOrEqual(cycles * CAPTURES_PER_CYCLE);
    // The commit window was hit, not only the moments around it.
    expect(count('mid-commit').length).toBeGreaterThan(0);
    expect(noChunk).toContain(`chunk ${multi.blobId}.1 of a stored item is missing`);
    expect(noChunk.some((p) => p.includes(`${multi.path}: VaultCorruptError`))).toBe(true);
    expect(noItem).toContain(`'captured' custody event for ${victim}, which is not stored`);
    expect(noItem.some((p) => /chunk\(s\) no item refers to/.test(p))).toBe(true);
  };

  return { run, close };
}
