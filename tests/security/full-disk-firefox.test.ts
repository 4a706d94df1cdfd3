// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, full disk (Firefox ESR): see support/full-disk-run.ts for what is checked. Firefox keeps
// the extension's IndexedDB in SQLite; the failures are shown in English, then after a restart in
// Arabic (Debian's firefox-esr-l10n-ar; the other languages have no pack installed here).
import { afterAll, beforeAll, describe, it } from 'vitest';
import { fullDiskRun } from './support/full-disk-run';
import { firefoxOnProfile } from './support/profile-sessions';

describe('full disk: Firefox ESR profile on a small filesystem', () => {
  let disk: Awaited<ReturnType<typeof fullDiskRun>>;
  beforeAll(async () => {
    disk = await fullDiskRun({
      name: 'firefox',
      start: (downloads) => firefoxOnProfile(downloads),
      locales: ['en', 'ar'],
      leaveFreeMiB: 30,
    });
  });
  afterAll(() => disk?.close());

  it('names every failure, damages no earlier item and leaves nothing partial', () => disk.run());
});
