// SPDX-License-Identifier: AGPL-3.0-or-later
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { DrivenPage } from './flow.ts';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface ChromiumSession {
  context: BrowserContext;
  extensionId: string;
  origin: string;
  /** The vault page the extension opens on install. */
  vaultPage(): Promise<Page>;
  /** Opens the popup in a popup-type window, so the page tab stays the active tab of its window. */
  openPopup(): Promise<Page>;
  /** Opens one of the extension's pages (e.g. `/verify.html`) in a new tab. */
  openExtensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** Starts Debian's Chromium (headless, or headed on `display`) with the built extension loaded. */
export async function launchChromium(options: {
  extensionDir: string;
  userDataDir: string;
  executablePath?: string;
  /** Extra environment, e.g. `LANGUAGE=ar` with `--lang=ar` for an Arabic UI. */
  env?: Record<string, string>;
  /** More command-line switches, e.g. `--host-resolver-rules=...` to serve fixtures as real hosts. */
  extraArgs?: string[];
  /**
   * An X display (see xvfb.ts): the browser runs headed there, its window at the screen's top
   * left, so its native context menu and keyboard shortcuts can be used with real X input.
   */
  display?: string;
}): Promise<ChromiumSession> {
  const env = { ...options.env, ...(options.display ? { DISPLAY: options.display } : {}) };
  const context = await chromium.launchPersistentContext(options.userDataDir, {
    executablePath: options.executablePath ?? '/usr/bin/chromium',
    ...(Object.keys(env).length > 0 ? { env: { ...process.env, ...env } } : {}),
    headless: !options.display,
    // Headed, the window's own size is the viewport (emulating one would not move the window).
    viewport: options.display ? null : { width: 1280, height: 800 },
    args: [
      ...(options.display ? ['--window-position=0,0', '--window-size=1280,900'] : []),
      ...CHROMIUM_FLAGS,
      `--disable-extensions-except=${options.extensionDir}`,
      `--load-extension=${options.extensionDir}`,
      ...(options.extraArgs ?? []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const origin = `chrome-extension://${extensionId}`;
  const findPage = async (path: string): Promise<Page> => {
    const match = (p: Page) => p.url().startsWith(`${origin}${path}`);
    return (
      context.pages().find(match) ?? (await context.waitForEvent('page', { predicate: match }))
    );
  };
  return {
    context,
    extensionId,
    origin,
    vaultPage: () => findPage('/vault.html'),
    openPopup: async () => {
      const vault = await findPage('/vault.html');
      const next = context.waitForEvent('page', {
        predicate: (p) => p.url().startsWith(`${origin}/popup.html`),
      });
      await vault.evaluate(
        "void chrome.windows.create({ url: '/popup.html', type: 'popup', width: 400, height: 600, focused: false })",
      );
      const popup = await next;
      await popup.waitForLoadState('domcontentloaded');
      return popup;
    },
    openExtensionPage: async (path) => {
      const page = await context.newPage();
      await page.goto(`${origin}${path}`);
      return page;
    },
    close: () => context.close(),
  };
}

/**
 * Turns on "Allow in Incognito" for the extension, through the API chrome://extensions itself uses
 * (`chrome.developerPrivate`). Chromium then reloads the extension, which closes its pages (open
 * the vault page again afterwards). Seen in Chromium 156: without developer mode the reloaded
 * unpacked extension stays disabled (`unsupportedDeveloperExtension`), so that is turned on first.
 */
export async function allowInIncognito(session: ChromiumSession): Promise<void> {
  const page = await session.context.newPage();
  try {
    await page.goto('chrome://extensions');
    const reloaded = session.context.waitForEvent('serviceworker', {
      predicate: (worker) => worker.url().startsWith(session.origin),
      timeout: 60_000,
    });
    await page.evaluate(
      `(async () => {
        await chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true });
        await chrome.developerPrivate.updateExtensionConfiguration({
          extensionId: ${JSON.stringify(session.extensionId)},
          incognitoAccess: true,
        });
      })()`,
    );
    await reloaded;
  } finally {
    await page.close();
  }
}

/** Adapts a Playwright page to the browser-neutral flow. */
export function drivePlaywright(page: Page): DrivenPage {
  return {
    waitFor: async (selector, timeout = 30_000) => {
      await page.waitForSelector(selector, { timeout, state: 'attached' });
    },
    click: (selector) => page.click(selector),
    fill: (selector, text) => page.fill(selector, text),
    attr: (selector, name) => page.getAttribute(selector, name),
    text: async (selector) => (await page.textContent(selector)) ?? '',
    evaluate: <T>(fn: string) => page.evaluate<T>(fn),
    reload: async () => {
      await page.reload();
    },
    upload: (selector, path) => page.setInputFiles(selector, path),
    select: async (selector, value) => {
      await page.selectOption(selector, value);
    },
  };
}
