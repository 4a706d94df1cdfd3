// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { AUTO_LOCK_ALARM, createAutoLock } from '../../lib/messaging/auto-lock';
import { SESSION_KEY_NAME } from '../../lib/vault/index';
import { startBackground, type BackgroundFixture } from './support/background-fixture';
import { PASSPHRASE } from './support/vault-fixtures';

const MINUTE = 60_000;
let bg: BackgroundFixture;

/** Minutes from now until the auto-lock alarm is due. */
async function minutesLeft(): Promise<number | undefined> {
  const alarm = await bg.alarm();
  return alarm && (alarm.scheduledTime - Date.now()) / MINUTE;
}

// One vault for the file: creating and unlocking each cost an Argon2id run at 64 MiB.
beforeAll(async () => {
  bg = startBackground();
  await bg.send('vault.create', { passphrase: PASSPHRASE, collectorName: 'Ana' });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('auto-lock through alarms', () => {
  it('is scheduled at the default idle time when the vault is created', async () => {
    expect(await minutesLeft()).toBeCloseTo(15, 1);
  });

  it('is rescheduled at the new minutes when the setting changes', async () => {
    await bg.send('settings.update', { autoLockMinutes: 3 });
    expect(await minutesLeft()).toBeCloseTo(3, 1);
  });

  it('restarts the countdown on activity and on capture', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 2 * MINUTE);
    expect(await minutesLeft()).toBeCloseTo(1, 1);
    await bg.send('vault.activity', {});
    expect(await minutesLeft()).toBeCloseTo(3, 1);
    vi.setSystemTime(Date.now() + 2 * MINUTE);
    await bg.send('capture.activeTab', {});
    expect(await minutesLeft()).toBeCloseTo(3, 1);
  });

  it('lets the newest setting win when activity and a settings change arrive together', async () => {
    // A click on "save" is both: an activity whose read of the old minutes is slow must not
    // re-arm the alarm after the new setting. Deterministic here; IndexedDB timing decides in a browser.
    await bg.send('settings.update', { autoLockMinutes: 7 });
    const autoLock = createAutoLock(fakeBrowser.alarms);
    let releaseOld: (minutes: number) => void = () => undefined;
    const oldMinutes = new Promise<number>((r) => (releaseOld = r));
    const slowOld = autoLock.touch(() => oldMinutes);
    const fastNew = autoLock.touch(() => Promise.resolve(7));
    setTimeout(() => releaseOld(3), 20);
    await Promise.all([slowOld, fastNew]);
    expect(await minutesLeft()).toBeCloseTo(7, 1);
  });

  it('ignores alarms that are not the auto-lock alarm', async () => {
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'something-else', scheduledTime: Date.now() });
    expect((await bg.send('vault.status', {})).status).toBe('unlocked');
  });

  it('locks when the alarm fires: the session key is gone and captures are refused', async () => {
    const alarm = await bg.alarm();
    expect(alarm?.name).toBe(AUTO_LOCK_ALARM);
    await fakeBrowser.alarms.onAlarm.trigger({ name: AUTO_LOCK_ALARM, scheduledTime: Date.now() });
    expect((await bg.send('vault.status', {})).status).toBe('locked');
    expect(await fakeBrowser.storage.session.get(SESSION_KEY_NAME)).toEqual({});
    expect(await bg.harness.reopen().status()).toBe('locked');
    await expect(bg.send('capture.activeTab', {})).rejects.toMatchObject({ code: 'vault-locked' });
    // Activity while locked must not arm a new alarm (nothing to lock) nor unlock anything.
    await fakeBrowser.alarms.clearAll();
    await bg.send('vault.activity', {});
    expect(await bg.alarm()).toBeUndefined();
  });

  it('is armed again, at the saved minutes, by unlocking; locking by hand cancels it', async () => {
    await expect(bg.send('vault.unlock', { passphrase: 'wrong' })).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    expect(await bg.alarm()).toBeUndefined();
    await bg.send('vault.unlock', { passphrase: PASSPHRASE });
    expect(await minutesLeft()).toBeCloseTo(7, 1);
    await bg.send('vault.lock', {});
    expect(await bg.alarm()).toBeUndefined();
    expect((await bg.send('vault.status', {})).status).toBe('locked');
  });
});
