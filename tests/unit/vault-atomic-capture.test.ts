// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { randomId, utf8Encode } from '../../lib/crypto/index';
import { verifyChain } from '../../lib/custody/index';
import {
  CHUNK_BYTES,
  CaptureIntegrityError,
  CustodyConflictError,
  VaultCorruptError,
  VaultLockedError,
  VaultReplacedError,
  VaultWriteError,
} from '../../lib/vault/index';
import {
  PASSPHRASE,
  createHarness,
  dbSnapshot,
  sampleCapture,
  type VaultHarness,
} from './support/vault-fixtures';

let h: VaultHarness;
let unhook: (() => void) | null = null;

beforeAll(async () => {
  fakeBrowser.reset();
  h = createHarness();
  await h.vault.create({ passphrase: PASSPHRASE, collectorName: 'Alice' });
});

afterEach(() => {
  unhook?.();
  unhook = null;
});

function bigFile(chunks: number): Uint8Array {
  return new Uint8Array(chunks * CHUNK_BYTES - 3).map((_, i) => (i * 13 + 1) & 0xff);
}

describe('commitCapture is all or nothing', () => {
  it('refuses a file whose bytes do not match the declared SHA-256, writing nothing', async () => {
    const c = await sampleCapture({ id: randomId() });
    const before = await dbSnapshot(h);
    const tampered = {
      ...c,
      files: [c.files[0]!, { ...c.files[1]!, bytes: utf8Encode('<html>other</html>') }],
    };
    // Same length, different bytes: only the hash can tell.
    const sameLength = new Uint8Array(c.files[1]!.bytes);
    sameLength[0]! ^= 1;
    const flipped = { ...c, files: [c.files[0]!, { ...c.files[1]!, bytes: sameLength }] };
    await expect(h.vault.commitCapture(tampered)).rejects.toBeInstanceOf(CaptureIntegrityError);
    await expect(h.vault.commitCapture(flipped)).rejects.toThrow(
      /hashes to [0-9a-f]{64}, declared/,
    );
    await expect(h.vault.commitCapture({ ...c, files: [c.files[0]!] })).rejects.toBeInstanceOf(
      CaptureIntegrityError,
    );
    await expect(
      h.vault.commitCapture({
        ...c,
        files: [...c.files, { path: 'extra.bin', bytes: new Uint8Array(1) }],
      }),
    ).rejects.toBeInstanceOf(CaptureIntegrityError);
    expect(await dbSnapshot(h)).toEqual(before);
  });

  it('a write failing on the 2nd chunk leaves no item, no chunk and no custody event', async () => {
    const c = await sampleCapture({
      id: randomId(),
      files: [{ path: 'screenshot-visible.png', bytes: bigFile(3) }],
    });
    const before = await dbSnapshot(h);
    const chunksBefore = await h.db.chunks.count();
    let created = 0;
    const failSecond = () => {
      if (++created === 2) throw new DOMException('Injected: disk full', 'QuotaExceededError');
    };
    h.db.chunks.hook('creating', failSecond);
    unhook = () => h.db.chunks.hook('creating').unsubscribe(failSecond);

    await expect(h.vault.commitCapture(c)).rejects.toBeInstanceOf(VaultWriteError);
    expect(created).toBe(2);
    const after = await dbSnapshot(h);
    expect(after).toEqual(before);
    expect(await h.vault.getItem(c.item.id)).toBeNull();

    // Once the "disk" has room again the same capture goes through whole.
    unhook();
    unhook = null;
    await h.vault.commitCapture(c);
    expect(await h.vault.readFile(c.item.id, 'screenshot-visible.png')).toEqual(c.files[0]!.bytes);
    expect(await h.db.chunks.count()).toBe(chunksBefore + 3);
    const lines = await h.vault.custodyLines();
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ type: 'captured', itemId: c.item.id });
  });

  it('refuses to store the same item id twice', async () => {
    const c = await sampleCapture({ id: randomId() });
    await h.vault.commitCapture(c);
    const before = await dbSnapshot(h);
    await expect(h.vault.commitCapture(c)).rejects.toBeInstanceOf(VaultWriteError);
    expect(await dbSnapshot(h)).toEqual(before);
  });
});

describe('stored files are checked on read', () => {
  it('a missing (truncated) last chunk is detected', async () => {
    const c = await sampleCapture({
      id: randomId(),
      files: [{ path: 'screenshot-visible.png', bytes: bigFile(2) }],
    });
    await h.vault.commitCapture(c);
    const [ref] = (await h.vault.getItem(c.item.id))!.storedFiles;
    await h.db.chunks.delete(`${ref!.blobId}.1`);
    await expect(h.vault.readFile(c.item.id, 'screenshot-visible.png')).rejects.toBeInstanceOf(
      VaultCorruptError,
    );
  });

  it('chunks swapped within a file are detected', async () => {
    const c = await sampleCapture({
      id: randomId(),
      files: [{ path: 'screenshot-visible.png', bytes: bigFile(2) }],
    });
    await h.vault.commitCapture(c);
    const [ref] = (await h.vault.getItem(c.item.id))!.storedFiles;
    const [a, b] = await h.db.chunks.bulkGet([`${ref!.blobId}.0`, `${ref!.blobId}.1`]);
    await h.db.chunks.bulkPut([
      { ...a!, sealed: b!.sealed },
      { ...b!, sealed: a!.sealed },
    ]);
    await expect(h.vault.readFile(c.item.id, 'screenshot-visible.png')).rejects.toThrow(
      /Cannot decrypt chunks/,
    );
  });
});

describe('custody compare-and-swap', () => {
  it('an event prepared before another write is refused, and commits after re-preparing', async () => {
    const input = { type: 'exported' as const, details: { bundleId: 'b1', items: [] } };
    const stale = await h.vault.prepareCustodyEvent(input);
    await h.vault.commitCapture(await sampleCapture({ id: randomId() }));
    const before = await dbSnapshot(h);
    await expect(h.vault.commitCustodyEvent(stale)).rejects.toBeInstanceOf(CustodyConflictError);
    expect(await dbSnapshot(h)).toEqual(before);
    const fresh = await h.vault.prepareCustodyEvent(input);
    await h.vault.commitCustodyEvent(fresh);
    const lines = await h.vault.custodyLines();
    expect(lines.at(-1)).toBe(fresh.line);
    expect(fresh.event.seq).toBe(lines.length - 1);
  });

  it('concurrent captures all land, each chained after the previous one', async () => {
    const captures = await Promise.all([1, 2, 3].map(() => sampleCapture({ id: randomId() })));
    await Promise.all(captures.map((c) => h.vault.commitCapture(c)));
    const lines = await h.vault.custodyLines();
    const ids = lines.slice(-3).map((l) => (JSON.parse(l) as { itemId: string }).itemId);
    expect(ids.sort()).toEqual(captures.map((c) => c.item.id).sort());
  });
});

describe('a capture drafted while its files are made', () => {
  /** Commits a sample capture through a draft, `between` run after the files are added. */
  async function drafted(between: () => Promise<void>) {
    const c = await sampleCapture({ id: randomId() });
    const draft = h.vault.draftCapture();
    for (const f of c.files) draft.add(f.path, f.bytes);
    await between();
    return { c, commit: draft.commit(c.item) };
  }

  async function expectStored(c: Awaited<ReturnType<typeof sampleCapture>>) {
    for (const f of c.files) expect(await h.vault.readFile(c.item.id, f.path)).toEqual(f.bytes);
    const lines = await h.vault.custodyLines();
    expect(verifyChain(lines).ok).toBe(true);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ type: 'captured', itemId: c.item.id });
  }

  it('lands after other writes moved the custody log on since it read the head', async () => {
    const { c, commit } = await drafted(async () => {
      await h.vault.commitCapture(await sampleCapture({ id: randomId() }));
      await h.vault.createCase({ title: 'Opened meanwhile', target: '', notes: '', tlp: 'AMBER' });
    });
    await commit;
    await expectStored(c);
  });

  it('lands when the vault was locked and opened again before the commit', async () => {
    const { c, commit } = await drafted(async () => {
      await h.vault.lock();
      expect(await h.vault.unlock(PASSPHRASE)).toBe('unlocked');
    });
    await commit;
    await expectStored(c);
  });

  it('started while locked, commits once unlocked; locked at the commit, writes nothing', async () => {
    await h.vault.lock();
    const { c, commit } = await drafted(async () => {
      expect(await h.vault.unlock(PASSPHRASE)).toBe('unlocked');
    });
    await commit;
    await expectStored(c);

    const before = await dbSnapshot(h);
    const refused = await drafted(() => h.vault.lock());
    await expect(refused.commit).rejects.toBeInstanceOf(VaultLockedError);
    expect(await h.vault.unlock(PASSPHRASE)).toBe('unlocked');
    expect(await dbSnapshot(h)).toEqual(before);
  });

  it('checks the files added against the item as commitCapture does', async () => {
    const before = await dbSnapshot(h);
    const c = await sampleCapture({ id: randomId() });
    const twice = h.vault.draftCapture();
    for (const f of [...c.files, c.files[0]!]) twice.add(f.path, f.bytes);
    await expect(twice.commit(c.item)).rejects.toThrow(/given twice/);
    const altered = h.vault.draftCapture();
    altered.add(c.files[0]!.path, utf8Encode('other bytes of another length'));
    altered.add(c.files[1]!.path, c.files[1]!.bytes);
    await expect(altered.commit(c.item)).rejects.toBeInstanceOf(CaptureIntegrityError);
    expect(await dbSnapshot(h)).toEqual(before);
  });

  // Last: it wipes the vault the tests above share.
  it('a wipe before the commit leaves nothing of it: refused as locked', async () => {
    const { commit } = await drafted(() => h.vault.wipe());
    await expect(commit).rejects.toBeInstanceOf(VaultLockedError);
    expect(await h.vault.status()).toBe('uninitialized');
    expect(await h.db.items.count()).toBe(0);
    expect(await h.db.chunks.count()).toBe(0);
  });

  it('begun in a vault wiped and replaced before the commit, writes nothing in the new one', async () => {
    await h.vault.create({ passphrase: PASSPHRASE, collectorName: 'Alice' });
    let before: unknown;
    const replace = async () => {
      await h.vault.wipe();
      await h.vault.create({ passphrase: 'another passphrase, another vault', collectorName: 'B' });
      before = await dbSnapshot(h);
    };
    const { commit } = await drafted(replace);
    await expect(commit).rejects.toBeInstanceOf(VaultReplacedError);
    expect(await dbSnapshot(h)).toEqual(before);
    expect(await h.vault.listItems()).toEqual([]);

    // Begun before any vault existed: it belongs to none, so it lands in none.
    await h.vault.wipe();
    const { commit: orphan } = await drafted(() =>
      h.vault.create({ passphrase: PASSPHRASE, collectorName: 'Alice' }).then(() => undefined),
    );
    await expect(orphan).rejects.toBeInstanceOf(VaultReplacedError);
    expect(await h.vault.listItems()).toEqual([]);

    // The vault itself takes a capture as usual.
    const { c, commit: ok } = await drafted(() => Promise.resolve());
    await ok;
    await expectStored(c);
  });
});
