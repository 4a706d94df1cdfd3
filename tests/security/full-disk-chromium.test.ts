// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, full disk (Chromium): the profile sits on a small tmpfs; capture a 4 MB page until the
// disk is full. Every failed capture must be shown in the popup as "storage full" (in English,
// then after restarts in French, Spanish and Arabic), every earlier item must still read back with
// its SHA-256, and nothing partial may be left (no orphan chunk, no custody event without item).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  drivePlaywright,
  launchChromium,
  type ChromiumSession,
} from '../../scripts/drive/chromium.ts';
import { startFixtureServer, type FixtureServer } from '../../scripts/drive/fixture-server.ts';
import { PASSPHRASE, setUpVault } from '../../scripts/drive/flow.ts';
import { submitUnlock } from '../../scripts/drive/security-flow.ts';
import { writeHeavyPage, type HeavyPage } from './support/heavy-pages';
import { seededRandom } from './support/seeded-random';
import { mountSmallDisk, type SmallDisk } from './support/small-disk';
import { auditProblems, auditVault } from './support/vault-audit';

const ROOT = resolve(import.meta.dirname, '../..');
const MB = 1024 * 1024;
const DISK_MB = 128;
const LOCALES = ['en', 'fr', 'es', 'ar'] as const;

const storageFullText = (lang: string): string =>
  (
    JSON.parse(readFileSync(join(ROOT, `public/_locales/${lang}/messages.json`), 'utf8')) as Record<
      string,
      { message: string }
    >
  ).errorStorageFull!.message;

describe('full disk: Chromium profile on a small filesystem', () => {
  let work: string;
  let disk: SmallDisk | undefined;
  let server: FixtureServer;
  let session: ChromiumSession | undefined;
  let page: HeavyPage;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'attest-full-disk-'));
    page = writeHeavyPage(join(work, 'pages'), 'four-mb', 4 * MB, seededRandom(5));
    server = await startFixtureServer(join(work, 'pages'));
    disk = mountSmallDisk(join(work, 'disk'), DISK_MB);
  });
  afterAll(async () => {
    await session?.close().catch(() => undefined);
    await server?.close();
    disk?.unmount();
    rmSync(work, { recursive: true, force: true });
  });

  it('names every failure, damages no earlier item and leaves nothing partial', async () => {
    const profile = join(disk!.dir, 'profile');
    const launch = (lang: string) =>
      launchChromium({
        extensionDir: join(ROOT, '.output/chrome-mv3'),
        userDataDir: profile,
        ...(lang === 'en' ? {} : { extraArgs: [`--lang=${lang}`], env: { LANGUAGE: lang } }),
      });
    // One capture from a fresh popup: the item id, or the text the user was shown.
    const capture = async (s: ChromiumSession): Promise<{ id: string } | { shown: string }> => {
      const tab = s.context.pages().find((p) => p.url().startsWith(server.origin));
      const target = tab ?? (await s.context.newPage());
      await target.goto(server.url(page.name));
      await target.bringToFront();
      const popup = await s.openPopup();
      await popup.click('#capture-button');
      await popup.waitForSelector(
        '#capture-status[data-state="done"], #capture-status[data-state="error"]',
        { timeout: 120_000 },
      );
      const done = (await popup.getAttribute('#capture-status', 'data-state')) === 'done';
      const result = done
        ? { id: (await popup.getAttribute('#capture-status', 'data-item-id'))! }
        : { shown: (await popup.textContent('#capture-status')) ?? '' };
      await popup.close();
      return result;
    };

    session = await launch('en');
    const vaultPage = await session.vaultPage();
    await setUpVault(drivePlaywright(vaultPage), 'Full Disk Collector');
    const freeAtStart = disk!.free();
    const items: string[] = [];
    const failures: Array<{ lang: string; shown: string }> = [];
    while (failures.length < 2) {
      const r = await capture(session);
      if ('id' in r) items.push(r.id);
      else failures.push({ lang: 'en', shown: r.shown });
      if (items.length > (DISK_MB * MB) / page.bytes) throw new Error('the disk never filled up');
    }
    const freeWhenFull = disk!.free();
    const audits = [await auditVault(drivePlaywright(vaultPage))];
    await session.close();

    // Restarted on the full disk in each other language: unlock, capture again, read back.
    for (const lang of LOCALES.slice(1)) {
      session = await launch(lang);
      const vault = drivePlaywright(await session.openExtensionPage('/vault.html'));
      await submitUnlock(vault, PASSPHRASE);
      await vault.waitFor('#item-list', 60_000);
      // A restart may free a little room (Chromium's own files): capture until refused again.
      for (let attempt = 1; ; attempt++) {
        const r = await capture(session);
        if ('shown' in r) {
          failures.push({ lang, shown: r.shown });
          break;
        }
        items.push(r.id);
        if (attempt > 3) throw new Error(`the disk is not full any more after the ${lang} restart`);
      }
      audits.push(await auditVault(vault));
      await session.close();
    }
    session = undefined;

    const last = audits.at(-1)!;
    console.log(
      `full disk: ${DISK_MB} MiB tmpfs, ${(freeAtStart / MB).toFixed(1)} MiB free after setup, ` +
        `${(freeWhenFull / MB).toFixed(1)} MiB when full; ${(page.bytes / MB).toFixed(1)} MB page; ` +
        `${items.length} captures stored, then ${failures.length} refused; ` +
        `after each of ${audits.length} checks ${last.items.length} items read back with their ` +
        `SHA-256, problems ${JSON.stringify(audits.map(auditProblems).flat())}; shown:\n` +
        failures.map((f) => `  [${f.lang}] ${f.shown}`).join('\n'),
    );
    expect(items.length).toBeGreaterThan(0);
    expect(failures.map((f) => f.lang)).toEqual(['en', 'en', 'fr', 'es', 'ar']);
    for (const f of failures) expect(f.shown.startsWith(storageFullText(f.lang))).toBe(true);
    for (const audit of audits) {
      expect(auditProblems(audit)).toEqual([]);
      expect(new Set(audit.items.map((i) => i.id))).toEqual(new Set(items));
    }
  });
});
