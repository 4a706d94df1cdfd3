// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, full disk (Chromium): see support/full-disk-run.ts for what is checked; the failures are
// shown in English, then after restarts in French, Spanish and Arabic (Debian's chromium-l10n).
import { afterAll, beforeAll, describe, it } from 'vitest';
import { fullDiskRun } from './support/full-disk-run';
import { chromiumOnProfile } from './support/profile-sessions';

describe('full disk: Chromium profile on a small filesystem', () => {
  let disk: Awaited<ReturnType<typeof fullDiskRun>>;
  beforeAll(async () => {
    disk = await fullDiskRun({
      name: 'chromium',
      start: () => chromiumOnProfile(),
      locales: ['en', 'fr', 'es', 'ar'],
    });
  });
  afterAll(() => disk?.close());

  it('names every failure, damages no earlier item and leaves nothing partial', () => disk.run());
});
