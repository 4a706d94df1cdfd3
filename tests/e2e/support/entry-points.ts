// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * The capture entry points a user reaches without the popup: the native context menu and the
 * browser-level keyboard shortcuts, driven with real X input (scripts/drive/xvfb.ts) in a headed
 * browser. Shared by the Chromium and the Firefox tests; what differs is how each browser's menu
 * is laid out (MenuLayout).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { DrivenPage } from '../../../scripts/drive/flow.ts';
import { startXvfb, type XScreen } from '../../../scripts/drive/xvfb.ts';
import { auditProblems, auditVault } from '../../security/support/vault-audit';
import { hostFixtures, type HostedFixtures } from './https-hosts.ts';
import { THREAD_MEDIA_ROUTES } from './post-media-assertions.ts';
import { ROOT } from './suites.ts';

export const THREAD_URL = 'https://x.com/darko_v_1988/status/1764000000000000101';
/** The thread fixture (10 posts, media in posts 3, 5 and 8) served as x.com. */
export const THREAD_ROUTES = {
  ...THREAD_MEDIA_ROUTES,
  [new URL(THREAD_URL).pathname]: join(ROOT, 'tests/fixtures/pages/thread-10.html'),
};

/** Where an entry-point test runs its browser: an X screen, a work folder, the thread as x.com. */
export interface EntryPointStage {
  screen: XScreen;
  hosted: HostedFixtures;
  work: string;
  /** Stops the server and the X screen and removes the work folder (after the browser). */
  close(): Promise<void>;
}

/** Starts the stage; if a part fails to start, what did start is stopped again. */
export async function startEntryPointStage(
  browser: 'chromium' | 'firefox',
): Promise<EntryPointStage> {
  let screen: XScreen | undefined;
  let hosted: HostedFixtures | undefined;
  let work: string | undefined;
  const close = async () => {
    await hosted?.close();
    await screen?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  };
  try {
    screen = await startXvfb();
    work = mkdtempSync(join(tmpdir(), `attest-e2e-${browser}-entry-`));
    hosted = await hostFixtures({ dir: work, hosts: ['x.com'], routes: THREAD_ROUTES });
    return { screen, hosted, work, close };
  } catch (error) {
    await close();
    throw error;
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * How a browser's native context menu reaches Attest's entries from the keyboard. Both browsers
 * group an extension's several entries under a submenu named after it, its entries in creation
 * order (lib/messaging/context-menu.ts): on a page "Capture this page", "Capture this post"; on an
 * image "Capture this post", "Capture this image". Keys are X key names as xdotool takes them.
 */
export interface MenuLayout {
  /** From the menu just opened to the "Attest" submenu entry, by what was right-clicked. */
  toSubmenu: { page: string[]; image: string[] };
}

const SUBMENU = { page: ['page', 'post'], image: ['post', 'image'] } as const;

export interface ScreenPoint {
  x: number;
  y: number;
}

/** Waits until a window not in `before` is mapped (a menu opening); throws after `timeoutMs`. */
async function waitForNewWindow(screen: XScreen, before: string[], timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await screen.visibleWindows()).some((w) => !before.includes(w))) return;
    await pause(200);
  }
  throw new Error('no menu window appeared');
}

/**
 * Where the page's viewport starts on the screen, measured with a real pointer move (the page
 * reports the event's screen and client coordinates), so no toolbar height is assumed.
 */
export async function viewportOrigin(screen: XScreen, page: DrivenPage): Promise<ScreenPoint> {
  await page.evaluate(`(() => {
    globalThis.__attestTestOrigin = null;
    addEventListener('mousemove', (e) => {
      globalThis.__attestTestOrigin = { x: e.screenX - e.clientX, y: e.screenY - e.clientY };
    }, true);
  })()`);
  for (let i = 0; i < 50; i++) {
    await screen.xdotool('mousemove', String(600 + (i % 2) * 5), '500');
    const origin = await page.evaluate<ScreenPoint | null>('globalThis.__attestTestOrigin');
    if (origin) return origin;
    await pause(200);
  }
  throw new Error('the page saw no pointer move');
}

/** The screen point at (`dx`, `dy`) CSS px inside the first element matching `selector`. */
export async function pointIn(
  page: DrivenPage,
  origin: ScreenPoint,
  selector: string,
  dx: number,
  dy: number,
): Promise<ScreenPoint> {
  const rect = await page.evaluate<{ x: number; y: number; bottom: number } | null>(
    `(() => { const r = document.querySelector(${JSON.stringify(selector)})?.getBoundingClientRect();
      return r ? { x: r.x, y: r.y, bottom: r.bottom } : null; })()`,
  );
  if (!rect) throw new Error(`no ${selector} on the page`);
  const height = await page.evaluate<number>('innerHeight');
  if (rect.y + dy >= height) throw new Error(`${selector} is below the fold`);
  return { x: Math.round(origin.x + rect.x + dx), y: Math.round(origin.y + rect.y + dy) };
}

/**
 * A user's right click at `at`, then the keyboard through the menu to Attest's `entry`, then
 * Enter. The pointer stays where it was clicked, as a user's does.
 */
export async function chooseMenuEntry(options: {
  screen: XScreen;
  layout: MenuLayout;
  at: ScreenPoint;
  context: 'page' | 'image';
  entry: 'page' | 'post' | 'image';
}): Promise<void> {
  const { screen, at, context, entry } = options;
  const index = (SUBMENU[context] as readonly string[]).indexOf(entry);
  if (index < 0) throw new Error(`no "${entry}" entry on a ${context}`);
  const press = async (key: string) => {
    await screen.xdotool('key', key);
    await pause(300);
  };
  const closed = await screen.visibleWindows();
  await screen.xdotool('mousemove', String(at.x), String(at.y));
  await pause(300);
  await screen.xdotool('click', '3');
  await waitForNewWindow(screen, closed);
  await pause(300);
  for (const key of options.layout.toSubmenu[context]) await press(key);
  const menu = await screen.visibleWindows();
  // Right opens the submenu with its first entry selected.
  await screen.xdotool('key', 'Right');
  await waitForNewWindow(screen, menu);
  await pause(300);
  for (let i = 0; i < index; i++) await press('Down');
  await press('Return');
}

/** Presses a browser-level key combination (xdotool's names, e.g. `alt+shift+s`) with the pointer at `at`. */
export async function pressShortcut(screen: XScreen, at: ScreenPoint, keys: string): Promise<void> {
  await screen.xdotool('mousemove', String(at.x), String(at.y));
  await pause(300);
  await screen.xdotool('key', keys);
}

/** Ids of the items in the vault (the `items` table's keys, read from an extension page). */
export function itemIds(vault: DrivenPage): Promise<string[]> {
  return vault.evaluate<string[]>(`(async () => {
    const db = await new Promise((ok, fail) => {
      const req = indexedDB.open('attest');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    try {
      return await new Promise((ok, fail) => {
        const req = db.transaction('items').objectStore('items').getAllKeys();
        req.onsuccess = () => ok(req.result.map(String));
        req.onerror = () => fail(req.error);
      });
    } finally { db.close(); }
  })()`);
}

/**
 * Waits for the one item an action commits, then reads the vault whole through lib/vault: exactly
 * one new item, every file of it reads back with its SHA-256, the custody log holds its event.
 * Returns its id and its files' paths.
 */
export async function newItem(
  vault: DrivenPage,
  before: string[],
  timeoutMs = 120_000,
): Promise<{ id: string; paths: string[] }> {
  const deadline = Date.now() + timeoutMs;
  let added: string[] = [];
  while (Date.now() < deadline) {
    added = (await itemIds(vault)).filter((id) => !before.includes(id));
    if (added.length > 0) break;
    await pause(500);
  }
  expect(added, 'items committed by the action').toHaveLength(1);
  const audit = await auditVault(vault);
  expect(auditProblems(audit)).toEqual([]);
  const item = audit.items.find((i) => i.id === added[0]);
  return { id: added[0] ?? '', paths: (item?.files ?? []).map((f) => f.path).sort() };
}
