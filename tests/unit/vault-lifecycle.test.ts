// SPDX-License-Identifier: AGPL-3.0-or-later
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  KdfDowngradeError,
  utf8Encode,
  verifyDetached,
  signDetached,
} from '../../lib/crypto/index';
import { verifyChain } from '../../lib/custody/index';
import {
  VaultExistsError,
  VaultLockedError,
  VaultNotInitializedError,
  WrongPassphraseError,
  DecryptError,
  type HeaderRow,
} from '../../lib/vault/index';
import {
  PASSPHRASE,
  createHarness,
  dbSnapshot,
  sampleCapture,
  type VaultHarness,
} from './support/vault-fixtures';

// One vault for the whole file: each create/unlock costs an Argon2id run at 64 MiB.
let h: VaultHarness;
let fingerprint: string;

beforeAll(async () => {
  fakeBrowser.reset();
  h = createHarness();
  expect(await h.vault.status()).toBe('uninitialized');
  await expect(h.vault.unlock(PASSPHRASE)).rejects.toBeInstanceOf(VaultNotInitializedError);
  ({ fingerprint } = await h.vault.create({
    passphrase: PASSPHRASE,
    collectorName: '  Alice Ally ',
  }));
});

describe('vault lifecycle', () => {
  it('create leaves it unlocked with an identity, default settings and a vault-created event', async () => {
    expect(await h.vault.status()).toBe('unlocked');
    const id = await h.vault.identity();
    expect(id).toMatchObject({ name: 'Alice Ally', fingerprint });
    const sig = await signDetached(utf8Encode('x'), id.privateKeyArmored);
    expect(
      (
        await verifyDetached({
          data: utf8Encode('x'),
          signatureArmored: sig,
          publicKeyArmored: id.publicKeyArmored,
        })
      ).valid,
    ).toBe(true);
    expect(await h.vault.settings()).toEqual({
      autoLockMinutes: 15,
      reviewImages: 'blurred',
      notifierName: '',
      notifierEmail: '',
    });
    const lines = await h.vault.custodyLines();
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      seq: 0,
      type: 'vault-created',
      details: { fingerprint },
    });
    // Every vault has a default case from the start.
    expect(JSON.parse(lines[1]!)).toMatchObject({
      seq: 1,
      type: 'case-created',
      details: { caseId: 'default' },
    });
    await expect(
      h.vault.create({ passphrase: PASSPHRASE, collectorName: 'x' }),
    ).rejects.toBeInstanceOf(VaultExistsError);
  });

  it('lock, refuse a wrong passphrase without changing anything, unlock, round-trip a capture', async () => {
    await h.vault.lock();
    expect(await h.vault.status()).toBe('locked');
    await expect(h.vault.listItems()).rejects.toBeInstanceOf(VaultLockedError);

    const before = await dbSnapshot(h);
    const sessionBefore = await fakeBrowser.storage.session.get(null);
    await expect(h.vault.unlock('not the passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(await dbSnapshot(h)).toEqual(before);
    expect(await fakeBrowser.storage.session.get(null)).toEqual(sessionBefore);
    expect(await h.vault.status()).toBe('locked');

    await h.vault.unlock(PASSPHRASE);
    expect(await h.vault.status()).toBe('unlocked');

    const older = await sampleCapture({ id: 'item-older', capturedAt: '2024-05-01T10:00:00.000Z' });
    const big = new Uint8Array(2 * 1024 * 1024 + 5).map((_, i) => (i * 7) & 0xff);
    const newer = await sampleCapture({
      id: 'item-newer',
      capturedAt: '2024-05-02T10:00:00.000Z',
      files: [{ path: 'screenshot-visible.png', bytes: big }],
    });
    await h.vault.commitCapture(older);
    await h.vault.commitCapture(newer);

    const list = await h.vault.listItems();
    expect(list.map((r) => r.item)).toEqual([newer.item, older.item]);
    expect(list[0]!.storedFiles[0]).toMatchObject({ ...newer.item.files[0], chunks: 3 });
    expect(await h.vault.getItem('item-older')).toMatchObject({ item: older.item });
    expect(await h.vault.getItem('missing')).toBeNull();
    for (const f of older.files)
      expect(await h.vault.readFile('item-older', f.path)).toEqual(f.bytes);
    expect(await h.vault.readFile('item-newer', 'screenshot-visible.png')).toEqual(big);

    const lines = await h.vault.custodyLines();
    expect(verifyChain(lines).ok).toBe(true);
    expect(lines.map((l) => (JSON.parse(l) as { type: string }).type)).toEqual([
      'vault-created',
      'case-created',
      'captured',
      'captured',
    ]);
    expect(JSON.parse(lines[2]!)).toMatchObject({
      itemId: 'item-older',
      details: { files: older.item.files.map(({ path, sha256 }) => ({ path, sha256 })) },
    });
  });

  it('a stopped service worker does not lock; a browser restart does', async () => {
    // New vault object over a new Dexie connection, same profile and session: still unlocked.
    const restarted = h.reopen();
    expect(await restarted.status()).toBe('unlocked');
    expect((await restarted.listItems()).length).toBe(2);
    // A browser restart empties storage.session.
    await fakeBrowser.storage.session.clear();
    expect(await h.vault.status()).toBe('locked');
    expect(await h.reopen().status()).toBe('locked');
    await h.vault.unlock(PASSPHRASE);
  });

  it('settings are validated and persisted sealed', async () => {
    expect(await h.vault.updateSettings({ autoLockMinutes: 5 })).toEqual({
      autoLockMinutes: 5,
      reviewImages: 'blurred',
      notifierName: '',
      notifierEmail: '',
    });
    expect(await h.vault.updateSettings({ reviewImages: 'shown' })).toEqual({
      autoLockMinutes: 5,
      reviewImages: 'shown',
      notifierName: '',
      notifierEmail: '',
    });
    expect(await h.reopen().settings()).toEqual({
      autoLockMinutes: 5,
      reviewImages: 'shown',
      notifierName: '',
      notifierEmail: '',
    });
    await expect(h.vault.updateSettings({ autoLockMinutes: 0 })).rejects.toBeInstanceOf(RangeError);
    await expect(
      h.vault.updateSettings({ reviewImages: 'hidden' as 'shown' }),
    ).rejects.toBeInstanceOf(RangeError);
  });

  it('a swapped item record is refused', async () => {
    const a = (await h.db.items.get('item-older'))!;
    const b = (await h.db.items.get('item-newer'))!;
    await h.db.items.bulkPut([
      { id: a.id, sealed: b.sealed },
      { id: b.id, sealed: a.sealed },
    ]);
    await expect(h.vault.getItem('item-older')).rejects.toBeInstanceOf(DecryptError);
    await h.db.items.bulkPut([a, b]);
    expect((await h.vault.getItem('item-older'))?.item.id).toBe('item-older');
  });

  it('unlock of a downgraded header is refused before any key derivation', async () => {
    await h.vault.lock();
    const header = (await h.db.header.get('vault')) as HeaderRow;
    await h.db.header.put({ ...header, kdf: { ...header.kdf, memoryKiB: 1024, iterations: 1 } });
    const before = await dbSnapshot(h);
    // KdfDowngradeError is only thrown by the floor check, which runs before Argon2id.
    await expect(h.vault.unlock(PASSPHRASE)).rejects.toBeInstanceOf(KdfDowngradeError);
    expect(await dbSnapshot(h)).toEqual(before);
    expect(await h.vault.status()).toBe('locked');
    await h.db.header.put({
      ...header,
      kdf: { ...header.kdf, algorithm: 'argon2i' as 'argon2id' },
    });
    await expect(h.vault.unlock(PASSPHRASE)).rejects.toBeInstanceOf(KdfDowngradeError);
    await h.db.header.put(header);
  });
});
