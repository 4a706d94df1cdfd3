// SPDX-License-Identifier: AGPL-3.0-or-later
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { writeBundle } from '../../lib/bundle/write';
import { writePackZip } from '../../lib/bundle/write-pack';
import { randomId, sha256Hex, signDetached } from '../../lib/crypto/index';
import { createVaultAccess } from '../../lib/export/create-vault-access';
import type { VaultAccess } from '../../lib/export/vault-access';
import { isEmailAddress } from '../../lib/model/notifier';
import { decodeForTest, packFixture } from './support/pack-fixture';
import { PASSPHRASE, createHarness, type VaultHarness } from './support/vault-fixtures';

let h: VaultHarness;
let access: VaultAccess;
let ids: string[];
const saved = new Map<string, Uint8Array>();

/** Part 3 of the X notice of the last saved pack: the notifier's name and email. */
async function notifierPart(filename: string): Promise<string> {
  const zip = await JSZip.loadAsync(saved.get(filename)!);
  const text = await zip.file('notices/x-dsa-art16.txt')!.async('string');
  return text.slice(text.indexOf('3. NAME AND EMAIL'), text.indexOf('4. STATEMENT'));
}

beforeAll(async () => {
  fakeBrowser.reset();
  h = createHarness();
  await h.vault.create({ passphrase: PASSPHRASE, collectorName: 'Amina K.' });
  const { fingerprint } = await h.vault.identity();
  ids = [];
  for (const p of await packFixture()) {
    const item = { ...p.item, collector: { name: 'Amina K.', fingerprint } };
    await h.vault.commitCapture({ item, files: p.files });
    ids.push(item.id);
  }
  access = createVaultAccess({
    vault: h.vault,
    writeBundle,
    signDetached,
    sha256Hex,
    randomId,
    generator: { name: 'Attest', version: '0.1.0', browser: 'test' },
    save: (bytes, filename) => {
      saved.set(filename, bytes);
      return Promise.resolve(saved.size);
    },
    pack: { decode: decodeForTest, writePackZip },
  });
}, 60_000);

describe('the notifier of DSA Art. 16 notices, from the vault settings', () => {
  it('without an email: the collector name, and the notice says the email is missing', async () => {
    const { filename } = await access.exportPack(ids);
    const part = await notifierPart(filename);
    expect(part).toContain('Name: Amina K.');
    expect(part).toContain('Email: MISSING.');
    expect(part).not.toContain('@');
  }, 60_000);

  it('with a saved name and email: both in the notice of a pack and of a bundle', async () => {
    await h.vault.updateSettings({
      notifierName: 'Helpline desk',
      notifierEmail: 'desk@helpline.example',
    });
    const part = await notifierPart((await access.exportPack(ids)).filename);
    expect(part).toContain('Name: Helpline desk');
    expect(part).toContain('Email: desk@helpline.example');
    expect(part).not.toContain('MISSING');
    const bundle = await access.exportItems(ids);
    expect(await notifierPart(bundle.filename)).toContain('Email: desk@helpline.example');
  }, 60_000);

  it('refuses a malformed email and keeps the saved one', async () => {
    for (const bad of ['desk', 'desk@helpline', 'a b@c.org', 'Desk <desk@helpline.example>'])
      await expect(h.vault.updateSettings({ notifierEmail: bad })).rejects.toThrow(/notifierEmail/);
    expect((await h.vault.settings()).notifierEmail).toBe('desk@helpline.example');
    expect(isEmailAddress('amina.k+dsa@mail.example.org')).toBe(true);
    expect(isEmailAddress('amina..k@example.org')).toBe(false);
  });
});
