// SPDX-License-Identifier: AGPL-3.0-or-later
// A full disk mid-commit (issue 5, "full disk"): the capture is refused whole, labelled as a full
// storage the UI can name, and nothing committed before is touched.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { commitOrExplain } from '../../lib/capture/commit';
import { randomId } from '../../lib/crypto/index';
import {
  CHUNK_BYTES,
  VaultFullError,
  VaultWriteError,
  createKeyStore,
  createVault,
  type Vault,
} from '../../lib/vault/index';
import {
  PASSPHRASE,
  createHarness,
  dbSnapshot,
  sampleCapture,
  type VaultHarness,
} from './support/vault-fixtures';

let h: VaultHarness;
let vault: Vault;
let free = 10 * 1024 ** 3;
let unhook: (() => void) | null = null;
const storage = {
  estimate: () => Promise.resolve({ quota: 20 * 1024 ** 3, usage: 20 * 1024 ** 3 - free }),
};

beforeAll(async () => {
  fakeBrowser.reset();
  h = createHarness();
  vault = createVault({
    db: h.db,
    keyStore: createKeyStore(fakeBrowser.storage.session),
    storage,
  });
  await vault.create({ passphrase: PASSPHRASE, collectorName: 'Alice' });
});

afterEach(() => {
  unhook?.();
  unhook = null;
  free = 10 * 1024 ** 3;
});

/** Makes the `nth` chunk row written from now on fail with `error`. */
function failChunk(nth: number, error: () => Error): () => number {
  let created = 0;
  const hook = () => {
    if (++created === nth) throw error();
  };
  h.db.chunks.hook('creating', hook);
  unhook = () => h.db.chunks.hook('creating').unsubscribe(hook);
  return () => created;
}

const bigCapture = () =>
  sampleCapture({
    id: randomId(),
    files: [
      {
        path: 'page-archive.mhtml',
        bytes: new Uint8Array(3 * CHUNK_BYTES).map((_, i) => (i * 7) & 0xff),
      },
    ],
  });

describe('a full storage during a capture commit', () => {
  it('QuotaExceededError on the 2nd chunk: VaultFullError, storage-full for the UI, nothing kept', async () => {
    const earlier = await sampleCapture({ id: randomId() });
    await vault.commitCapture(earlier);
    const before = await dbSnapshot(h);
    const c = await bigCapture();
    const created = failChunk(2, () => new DOMException('Injected', 'QuotaExceededError'));

    const error: unknown = await vault.commitCapture(c).catch((e: unknown) => e);
    expect(created()).toBe(2);
    expect(error).toBeInstanceOf(VaultFullError);
    expect(error).toBeInstanceOf(VaultWriteError);
    expect(error).toMatchObject({ code: 'storage-full' });
    unhook?.();
    failChunk(1, () => new DOMException('Injected', 'QuotaExceededError'));
    await expect(commitOrExplain(() => vault.commitCapture(c))).rejects.toMatchObject({
      name: 'CaptureError',
      code: 'storage-full',
    });
    expect(await dbSnapshot(h)).toEqual(before);
    expect(await vault.getItem(c.item.id)).toBeNull();
    expect(await vault.readFile(earlier.item.id, 'screenshot-visible.png')).toEqual(
      earlier.files[0]!.bytes,
    );
  });

  it("Chromium's full-disk error (DataError, IOError) counts as full only when little space is free", async () => {
    const before = await dbSnapshot(h);
    const c = await bigCapture();
    // What Chromium 156 reports when the disk under the profile is full.
    const ioError = () => new DOMException('Failed to write blobs (IOError)', 'DataError');
    failChunk(1, ioError);
    free = 2 * 1024 * 1024;
    const full: unknown = await vault.commitCapture(c).catch((e: unknown) => e);
    expect(full).toBeInstanceOf(VaultFullError);
    expect(String(full)).toMatch(/3\.0 MB needed, 2\.0 MB free; nothing was saved/);
    expect(await dbSnapshot(h)).toEqual(before);

    // The same failure with plenty of room is reported as a write failure, not a full disk.
    unhook?.();
    failChunk(1, ioError);
    free = 10 * 1024 ** 3;
    const other: unknown = await vault.commitCapture(c).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(VaultWriteError);
    expect(other).not.toBeInstanceOf(VaultFullError);
    expect(other).toMatchObject({ code: 'vault-write-failed' });
    unhook?.();
    failChunk(1, ioError);
    await expect(commitOrExplain(() => vault.commitCapture(c))).rejects.toMatchObject({
      code: 'commit-failed',
    });
    expect(await dbSnapshot(h)).toEqual(before);

    // Room again: the same capture goes through whole.
    unhook?.();
    unhook = null;
    await vault.commitCapture(c);
    expect(await vault.readFile(c.item.id, 'page-archive.mhtml')).toEqual(c.files[0]!.bytes);
  });
});
