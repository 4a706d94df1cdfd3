// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * The entry-point cases, registered in the calling describe for one browser: what differs between
 * Chromium and Firefox is in the harness (how the browser starts and finds its windows) and in
 * its MenuLayout.
 */
import { beforeAll, expect, it } from 'vitest';
import { PASSPHRASE, type DrivenPage } from '../../../scripts/drive/flow.ts';
import type { XScreen } from '../../../scripts/drive/xvfb.ts';
import { assertEntryPointBundle, type EntryPointItems } from './entry-point-assertions.ts';
import {
  chooseMenuEntry,
  itemIds,
  newItem,
  pointIn,
  pressShortcut,
  viewportOrigin,
  type MenuLayout,
  type ScreenPoint,
} from './entry-points.ts';
import { waitForPicker } from './picker.ts';

/** A headed browser on `screen` with a set-up vault and the thread fixture open in `page`. */
export interface EntryPointHarness {
  screen: XScreen;
  layout: MenuLayout;
  vault: DrivenPage;
  page: DrivenPage;
  /** Makes the fixture's tab the active tab of the window in front. */
  bringPageToFront(): Promise<void>;
  /** An extension page the extension opens itself, by the end of its URL (e.g. `/vault.html#unlock`). */
  openedPage(urlEnd: string): Promise<{ page: DrivenPage; close(): Promise<void> }>;
}

/** The manifest's commands (wxt.config.ts) as the browser must bind them. */
export const BOUND_COMMANDS = [
  { name: 'capture-page', shortcut: 'Alt+Shift+U' },
  { name: 'capture-post', shortcut: 'Alt+Shift+K' },
  { name: 'panic-wipe', shortcut: 'Alt+Shift+Q' },
];

const POST = (n: number) => `article[data-fixture-index="${n}"]`;

/** Registers the cases; `harness` is read once its beforeAll has run. */
export function entryPointCases(harness: () => EntryPointHarness): void {
  let h: EntryPointHarness;
  let origin: ScreenPoint;
  const ids: Partial<EntryPointItems> = {};

  beforeAll(async () => {
    h = harness();
    await h.bringPageToFront();
    origin = await viewportOrigin(h.screen, h.page);
  });

  /** Runs `act` on the page in front and returns the one item it committed. */
  async function committedBy(act: () => Promise<void>) {
    await h.bringPageToFront();
    const before = await itemIds(h.vault);
    await act();
    return newItem(h.vault, before);
  }
  // Right of the post's text: on the post, on no link or image.
  const onPost = (n: number) => pointIn(h.page, origin, POST(n), 420, 100);
  const menu = (at: ScreenPoint, context: 'page' | 'image', entry: 'page' | 'post' | 'image') =>
    chooseMenuEntry({ screen: h.screen, layout: h.layout, at, context, entry });

  it('binds the suggested keys of the manifest', async () => {
    // Firefox's MV2 `chrome.*` takes callbacks; its `browser.*` returns promises.
    const bound = await h.vault.evaluate<Array<{ name: string; shortcut: string }>>(
      '(globalThis.browser ?? globalThis.chrome).commands.getAll()',
    );
    for (const command of BOUND_COMMANDS)
      expect(bound).toContainEqual(expect.objectContaining(command));
  });

  it('"Capture this post" on a right-clicked post captures that post', async () => {
    const at = await onPost(3);
    const item = await committedBy(() => menu(at, 'page', 'post'));
    expect(item.paths).toEqual(expect.arrayContaining(['element.html', 'media-1.png']));
    ids.menuPost = item.id;
  });

  it('"Capture this image" on a right-clicked image keeps that image file', async () => {
    const at = await pointIn(h.page, origin, `${POST(3)} img`, 20, 20);
    const item = await committedBy(() => menu(at, 'image', 'image'));
    expect(item.paths).toContain('chosen-image.png');
    ids.menuImage = item.id;
  });

  it('"Capture this page" captures the page', async () => {
    const at = await onPost(1);
    const item = await committedBy(() => menu(at, 'page', 'page'));
    expect(item.paths).not.toContain('element.html');
    ids.menuPage = item.id;
  });

  it('Alt+Shift+U captures the page', async () => {
    const at = await onPost(1);
    const item = await committedBy(() => pressShortcut(h.screen, at, 'alt+shift+u'));
    expect(item.paths).not.toContain('element.html');
    ids.keyPage = item.id;
  });

  it('Alt+Shift+K opens the picker; a click on a post captures that post', async () => {
    const at = await onPost(2);
    const item = await committedBy(async () => {
      await pressShortcut(h.screen, at, 'alt+shift+k');
      await waitForPicker(h.page, true);
      await h.screen.xdotool('mousemove', String(at.x + 5), String(at.y));
      await h.screen.xdotool('click', '1');
    });
    await waitForPicker(h.page, false);
    expect(item.paths).toContain('element.html');
    ids.keyPost = item.id;
  });

  it('locked, Alt+Shift+U asks for the passphrase and commits nothing until unlocked', async () => {
    await h.vault.click('#lock-button');
    await h.vault.waitFor('#unlock-passphrase');
    const before = await itemIds(h.vault);
    const at = await onPost(1);
    await h.bringPageToFront();
    await pressShortcut(h.screen, at, 'alt+shift+u');
    const prompt = await h.openedPage('/vault.html#unlock');
    await prompt.page.waitFor('#unlock-passphrase');
    expect(await itemIds(h.vault)).toEqual(before);
    await prompt.page.fill('#unlock-passphrase', PASSPHRASE);
    await prompt.page.click('#unlock-submit');
    // The capture the shortcut asked for runs once unlocked, of the page it was pressed on.
    const item = await newItem(h.vault, before);
    expect(item.paths).not.toContain('element.html');
  });

  it('Alt+Shift+Q asks once before a panic wipe (the default) and wipes nothing by itself', async () => {
    const before = await itemIds(h.vault);
    const at = await onPost(1);
    await h.bringPageToFront();
    await pressShortcut(h.screen, at, 'alt+shift+q');
    const confirm = await h.openedPage('/vault.html#panic-wipe');
    await confirm.page.waitFor('#panic-confirm');
    await confirm.close();
    expect(await itemIds(h.vault)).toEqual(before);
  });

  it('exports every entry point’s capture in one bundle that check-bundle accepts', async () => {
    await assertEntryPointBundle({
      vault: h.vault,
      ids: ids as EntryPointItems,
      dpr: await h.page.evaluate<number>('devicePixelRatio'),
    });
  });
}
