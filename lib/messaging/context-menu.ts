// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaptureRequest } from '../capture/capture-request';
import {
  reportCommandOutcome,
  runCaptureCommand,
  type CaptureCommandDeps,
} from './capture-command';

export const MENU_PAGE = 'attest-capture-page';
export const MENU_POST = 'attest-capture-post';
export const MENU_IMAGE = 'attest-capture-image';

type MenuContext = 'page' | 'frame' | 'selection' | 'link' | 'image' | 'video';

/** The part of `contextMenus` (Firefox: also `menus`) used here. */
export interface MenusApi {
  create(props: { id: string; title: string; contexts: [MenuContext, ...MenuContext[]] }): unknown;
  removeAll(): Promise<void> | void;
  onClicked: {
    addListener(
      listener: (
        info: { menuItemId: string | number; srcUrl?: string },
        tab?: { id?: number; windowId?: number },
      ) => Promise<void>,
    ): void;
  };
}

/** Creates the three menu entries afresh (menus outlive a stopped worker, not an update). */
export async function createCaptureMenus(
  menus: MenusApi,
  t: (key: string) => string,
): Promise<void> {
  await menus.removeAll();
  menus.create({
    id: MENU_PAGE,
    title: t('menuCapturePage'),
    contexts: ['page', 'frame', 'selection', 'link'],
  });
  menus.create({
    id: MENU_POST,
    title: t('menuCapturePost'),
    contexts: ['page', 'frame', 'selection', 'link', 'image', 'video'],
  });
  menus.create({ id: MENU_IMAGE, title: t('menuCaptureImage'), contexts: ['image'] });
}

/** The capture a menu entry asks for, or null for entries that are not ours. */
export function requestForMenu(info: {
  menuItemId: string | number;
  srcUrl?: string;
}): CaptureRequest | null {
  if (info.menuItemId === MENU_PAGE) return { kind: 'page' };
  // The menu gives no coordinates, and no script watched the right click (none runs before the
  // user captures): the post script finds the post under the resting pointer through `:hover`.
  if (info.menuItemId === MENU_POST) return { kind: 'post', at: 'hover' };
  if (info.menuItemId === MENU_IMAGE && typeof info.srcUrl === 'string') {
    return { kind: 'image', srcUrl: info.srcUrl };
  }
  return null;
}

/** Listens to menu clicks: the clicked tab is captured at once, or after unlock when locked. */
export function listenToCaptureMenus(
  menus: MenusApi,
  deps: Omit<CaptureCommandDeps, 'request' | 'target'>,
  badgeApi: { action?: unknown; browserAction?: unknown },
): void {
  menus.onClicked.addListener(async (info, tab) => {
    const request = requestForMenu(info);
    if (!request || tab?.id === undefined || tab.windowId === undefined) return;
    const target = { windowId: tab.windowId, tabId: tab.id };
    const outcome = await runCaptureCommand({ ...deps, request, target });
    await reportCommandOutcome(badgeApi, outcome);
  });
}
