// SPDX-License-Identifier: AGPL-3.0-or-later
// A browser with the built extension on a profile folder the test keeps across restarts (crash and
// full-disk tests), driven the same way in Chromium and Firefox ESR.
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { drivePlaywright, launchChromium } from '../../../scripts/drive/chromium.ts';
import { drivePuppeteer, launchFirefox } from '../../../scripts/drive/firefox.ts';
import type { DrivenPage } from '../../../scripts/drive/flow.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

/** A popup window of the extension, drivable, that the caller closes when done with it. */
export interface Popup {
  page: DrivenPage;
  close(): Promise<void>;
}

/** One run of the browser on the kept profile. */
export interface ProfileSession {
  /** The vault page of this run (locked after a restart). */
  vault(): Promise<DrivenPage>;
  /** Shows `url` in a normal tab (reusing one of the same origin) and brings it to the front. */
  show(url: string): Promise<void>;
  openPopup(): Promise<Popup>;
  close(): Promise<void>;
}

/** Starts the browser on `profile` (the same folder every time), its UI in `lang` (default en). */
export type StartOnProfile = (profile: string, lang?: string) => Promise<ProfileSession>;

/** Chromium; `lang` other than en needs Debian's chromium-l10n. */
export function chromiumOnProfile(): StartOnProfile {
  let launches = 0;
  return async (profile, lang = 'en') => {
    const s = await launchChromium({
      extensionDir: join(ROOT, '.output/chrome-mv3'),
      userDataDir: profile,
      ...(lang === 'en' ? {} : { extraArgs: [`--lang=${lang}`], env: { LANGUAGE: lang } }),
    });
    const installed = launches++ === 0;
    return {
      // The page the extension opens when it is installed; a new one after a restart.
      vault: async () =>
        drivePlaywright(await (installed ? s.vaultPage() : s.openExtensionPage('/vault.html'))),
      show: async (url) => {
        const origin = new URL(url).origin;
        const tab = s.context.pages().find((p) => p.url().startsWith(origin));
        const target = tab ?? (await s.context.newPage());
        await target.goto(url);
        await target.bringToFront();
      },
      openPopup: async () => {
        const popup = await s.openPopup();
        return { page: drivePlaywright(popup), close: () => popup.close() };
      },
      close: () => s.close(),
    };
  };
}

/**
 * Firefox ESR, downloads saved under `downloadsDir`; `lang` other than en needs its Debian
 * language pack (firefox-esr-l10n-<lang>). The add-on keeps its internal UUID, and so its storage,
 * across restarts; after a crash Firefox would offer to restore the session, and after a few it
 * would start in troubleshoot mode (add-ons off): both are turned off.
 */
export function firefoxOnProfile(downloadsDir: string): StartOnProfile {
  return async (profile, lang = 'en') => {
    const s = await launchFirefox({
      extensionDir: join(ROOT, '.output/firefox-mv2'),
      downloadsDir,
      userDataDir: profile,
      prefs: {
        'browser.sessionstore.resume_from_crash': false,
        'toolkit.startup.max_resumed_crashes': -1,
        ...(lang === 'en' ? {} : { 'intl.locale.requested': lang }),
      },
    });
    let vault: Page | undefined;
    const vaultPage = async () => (vault ??= await s.vaultPage());
    return {
      // Firefox installs the add-on at every start, and the extension then opens its vault page.
      vault: async () => drivePuppeteer(await vaultPage()),
      show: async (url) => {
        const origin = new URL(url).origin;
        const pages = await s.browser.pages();
        const tab = pages.find((p) => p.url().startsWith(origin)) ?? (await s.browser.newPage());
        await tab.goto(url);
        await tab.bringToFront();
      },
      openPopup: async () => {
        const popup = await s.openPopup(await vaultPage());
        return { page: drivePuppeteer(popup), close: () => popup.close() };
      },
      close: () => s.close(),
    };
  };
}

/** One capture of `url` from a fresh popup: the item id, or the text the user was shown. */
export async function captureOnce(
  s: ProfileSession,
  url: string,
  timeoutMs = 120_000,
): Promise<{ id: string } | { shown: string }> {
  await s.show(url);
  const popup = await s.openPopup();
  await popup.page.waitFor('#capture-button');
  await popup.page.click('#capture-button');
  await popup.page.waitFor(
    '#capture-status[data-state="done"], #capture-status[data-state="error"]',
    timeoutMs,
  );
  const done = (await popup.page.attr('#capture-status', 'data-state')) === 'done';
  const result = done
    ? { id: (await popup.page.attr('#capture-status', 'data-item-id'))! }
    : { shown: await popup.page.text('#capture-status') };
  await popup.close();
  return result;
}
