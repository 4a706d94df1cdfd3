// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { PENDING_CAPTURE_TTL_MS } from '../../lib/capture/pending-capture';
import { PENDING_EXPIRED } from '../../lib/messaging/handlers';
import { PAGE_URL, startBackground, type BackgroundFixture } from './support/background-fixture';
import { PASSPHRASE, createHarness } from './support/vault-fixtures';

let bg: BackgroundFixture;

const pendingInSession = async () =>
  (await fakeBrowser.storage.session.get('pendingCapture')).pendingCapture;
// Counted on the raw table: it works while locked, when listing (decrypting) does not.
const itemCount = () => bg.harness.db.items.count();

/** Locks, presses the shortcut and checks it asked for the passphrase instead of capturing. */
async function shortcutWhileLocked(): Promise<void> {
  await bg.send('vault.lock', {});
  const windows = bg.strip.createdWindows.length;
  await bg.pressShortcut();
  expect(bg.strip.createdWindows.slice(windows)).toEqual([
    { url: fakeBrowser.runtime.getURL('/vault.html#unlock'), type: 'popup' },
  ]);
  expect(await pendingInSession()).toMatchObject({ windowId: 1, tabId: 11 });
  expect((await bg.send('vault.status', {})).pendingCapture).toBe(true);
}

beforeAll(async () => {
  bg = startBackground();
  await bg.send('vault.create', { passphrase: PASSPHRASE, collectorName: 'Ana' });
});

afterEach(() => {
  vi.useRealTimers();
  bg.strip.activate(11);
});

describe('capture shortcut (capture-page command)', () => {
  it('captures at once when the vault is unlocked', async () => {
    await bg.pressShortcut();
    const items = await bg.harness.reopen().listItems();
    expect(items.map((r) => r.item.source.url)).toEqual([PAGE_URL]);
    expect(bg.strip.createdWindows).toEqual([]);
    expect(await pendingInSession()).toBeUndefined();
  });

  it('while locked, stores the request in storage.session and opens the unlock window', async () => {
    await shortcutWhileLocked();
    expect(await itemCount()).toBe(1);
  });

  it('keeps the request through a wrong passphrase, then commits it after unlocking', async () => {
    await expect(bg.send('vault.unlock', { passphrase: 'nope' })).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    expect(await pendingInSession()).toBeDefined();
    const { pendingCapture } = await bg.send('vault.unlock', { passphrase: PASSPHRASE });
    expect(pendingCapture?.state).toBe('done');
    const id = pendingCapture?.state === 'done' ? pendingCapture.result.itemId : '';
    const stored = await bg.harness.reopen().getItem(id);
    expect(stored?.item.source.url).toBe(PAGE_URL);
    expect(await itemCount()).toBe(2);
    expect(await pendingInSession()).toBeUndefined();
    // Taken once: a second unlock does not capture again.
    await bg.send('vault.lock', {});
    expect((await bg.send('vault.unlock', { passphrase: PASSPHRASE })).pendingCapture).toBeNull();
  });

  it('refuses with tab-changed when the user moved to another tab before unlocking', async () => {
    await shortcutWhileLocked();
    bg.strip.activate(12);
    const { pendingCapture } = await bg.send('vault.unlock', { passphrase: PASSPHRASE });
    expect(pendingCapture).toMatchObject({ state: 'error', error: { code: 'tab-changed' } });
    expect(await itemCount()).toBe(2);
    expect(await pendingInSession()).toBeUndefined();
  });

  it('refuses with pending-expired when the passphrase came too late', async () => {
    await shortcutWhileLocked();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + PENDING_CAPTURE_TTL_MS + 1_000);
    expect((await bg.send('vault.status', {})).pendingCapture).toBe(false);
    const { pendingCapture } = await bg.send('vault.unlock', { passphrase: PASSPHRASE });
    expect(pendingCapture).toMatchObject({ state: 'error', error: { code: PENDING_EXPIRED } });
    expect(await itemCount()).toBe(2);
    expect(await pendingInSession()).toBeUndefined();
  });
});

describe('capture shortcut before setup', () => {
  it('opens the vault page for setup and stores nothing', async () => {
    const fresh = startBackground(createHarness());
    await fresh.pressShortcut();
    expect(fresh.strip.createdTabs).toEqual([fakeBrowser.runtime.getURL('/vault.html')]);
    expect(fresh.strip.createdWindows).toEqual([]);
    expect(await pendingInSession()).toBeUndefined();
  });
});
