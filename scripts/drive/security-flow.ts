// SPDX-License-Identifier: AGPL-3.0-or-later
/** The duress and panic paths through the vault page, for Playwright and puppeteer alike. */
import type { DrivenPage } from './flow.ts';

export const DURESS_PASSPHRASE = 'seven lanterns forget the river 19';

/** Sets the duress passphrase in the vault page's settings (the vault must be unlocked). */
export async function setDuress(vault: DrivenPage, passphrase: string): Promise<void> {
  // Right after setup the page shows the fingerprint until its next status poll; puppeteer's
  // click does not wait for the button as Playwright's does.
  await vault.waitFor('#settings-button', 30_000);
  await vault.click('#settings-button');
  await vault.waitFor('#duress-current', 30_000);
  await vault.fill('#duress-current', passphrase);
  await vault.fill('#duress-new', DURESS_PASSPHRASE);
  await vault.click('#duress-set');
  await vault.waitFor(
    '#duress-status[data-state="done"], #duress-status[data-state="error"]',
    60_000,
  );
  if ((await vault.attr('#duress-status', 'data-state')) !== 'done')
    throw new Error(`setting the duress passphrase failed: ${await vault.text('#duress-status')}`);
}

/** Types `passphrase` into the unlock form and submits it. */
export async function submitUnlock(vault: DrivenPage, passphrase: string): Promise<void> {
  await vault.waitFor('#unlock-passphrase', 30_000);
  await vault.fill('#unlock-passphrase', passphrase);
  await vault.click('#unlock-submit');
}

/** Presses the panic button and, when asked, confirms. */
export async function panicWipe(vault: DrivenPage): Promise<void> {
  await vault.waitFor('#panic-button', 30_000);
  await vault.click('#panic-button');
  await vault.waitFor('#panic-confirm', 10_000);
  await vault.click('#panic-confirm');
}

/** What the background answers, from an extension page, when asked to unlock with `passphrase`. */
export function unlockReply(page: DrivenPage, passphrase: string): Promise<unknown> {
  return page.evaluate(
    `(async () => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage(
      { type: 'vault.unlock', payload: { passphrase: ${JSON.stringify(passphrase)} } }))()`,
  );
}

/** Row counts of every object store of the extension's `attest` database, read from its page. */
export function attestRowCounts(page: DrivenPage): Promise<Record<string, number>> {
  return page.evaluate(`(async () => {
    const db = await new Promise((ok, fail) => {
      const req = indexedDB.open('attest');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    const out = {};
    for (const name of Array.from(db.objectStoreNames)) {
      out[name] = await new Promise((ok, fail) => {
        const req = db.transaction(name).objectStore(name).count();
        req.onsuccess = () => ok(req.result);
        req.onerror = () => fail(req.error);
      });
    }
    db.close();
    return out;
  })()`);
}

/**
 * The key database's secrets as hex, read before a wipe to look for them after: every key slot's
 * wrapped bytes and the sealed identity's first 64 bytes. Read from the bucket `attest-keys`
 * where the browser has Storage Buckets (Chromium), else from the origin's own IndexedDB.
 */
export function keySecretsHex(page: DrivenPage): Promise<string[]> {
  return page.evaluate(`(async () => {
    const name = 'attest-keys';
    const factory = navigator.storageBuckets
      ? (await navigator.storageBuckets.open(name)).indexedDB
      : indexedDB;
    if (!(await factory.databases()).some((d) => d.name === name))
      throw new Error('no key database');
    const db = await new Promise((ok, fail) => {
      const req = factory.open(name);
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    const rows = await new Promise((ok, fail) => {
      const req = db.transaction('keys').objectStore('keys').getAll();
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    db.close();
    const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return rows.flatMap((r) => [...r.slots.map((s) => hex(s.ct)), hex(r.identity.ct.slice(0, 64))]);
  })()`);
}
