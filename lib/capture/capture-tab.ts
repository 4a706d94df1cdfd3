// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EvidenceFile, ItemGroup, ItemJson, PostFields } from '../model/item';
import { captureMhtml, MHTML_MEDIA_TYPE, MHTML_PATH, type SaveAsMhtml } from './archive';
import { commitOrExplain, NOTE_NO_POST, pageExtras } from './commit';
import { CaptureError } from './errors';
import type { BrowserIdentity } from './environment';
import { createFullPageCapture, type CaptureTabFn, type RunInPage } from './full-page';
import { HTML_ARCHIVE_MEDIA_TYPE, HTML_ARCHIVE_PATH, type HtmlArchiver } from './inline-archive';
import { collectCaptureMedia, type MediaCollector, type MediaResult } from './media';
import { isPageData, type PageData } from './page-data';
import { asPageMetrics } from './page-helpers';
import { createScreenshotter } from './screenshot';
import { createBrowserImaging, type ImagingDeps } from './stitch';

/** Which tab to capture: a window and the tab that was active in it when the user asked. */
export interface CaptureTarget {
  windowId: number;
  tabId: number;
}

interface WindowLike {
  id?: number;
  type?: string;
  focused?: boolean;
}

interface TabLike {
  id?: number;
  windowId?: number;
  url?: string;
  active?: boolean;
  /** A private (incognito) window's tab; the browser says so only where Attest may run there. */
  incognito?: boolean;
}

/**
 * A capture's storage, begun before its item is complete: each file is sealed as it is added,
 * and the commit stores the item with them whole or not at all (lib/vault's `CaptureDraft`).
 */
export interface CaptureDraft {
  add(path: string, bytes: Uint8Array): void;
  commit(item: ItemJson): Promise<void>;
}

/** The capture service's view of the vault (lib/vault satisfies it). */
export interface CaptureVault {
  status(): Promise<'uninitialized' | 'locked' | 'unlocked'>;
  identity(): Promise<{ name: string; fingerprint: string }>;
  /** Starts storing a capture in the current case. */
  draftCapture(): CaptureDraft;
}

export interface CaptureDeps {
  windows: {
    getLastFocused(query: { windowTypes: Array<'normal'> }): Promise<WindowLike>;
    getAll(query: { windowTypes: Array<'normal'> }): Promise<WindowLike[]>;
  };
  tabs: {
    query(query: { active: true; windowId: number }): Promise<TabLike[]>;
    get(tabId: number): Promise<TabLike>;
    captureVisibleTab(windowId: number, options: { format: 'png' }): Promise<string>;
  };
  /** Firefox only: `tabs.captureTab`, which renders the whole page in one call. */
  captureTab?: CaptureTabFn;
  /** `scripting.executeScript({ target: { tabId }, files: ['/capture.js'] })` */
  injectCaptureScript(tabId: number): Promise<Array<{ result?: unknown }>>;
  /** `scripting.executeScript({ target: { tabId }, func, args })`, returning the first result. */
  runInPage: RunInPage;
  /**
   * `extension.isAllowedIncognitoAccess`: the browser's "Allow in Incognito" / "Run in Private
   * Windows" switch. Without it Attest cannot see private windows at all.
   */
  isAllowedIncognitoAccess?: () => Promise<boolean>;
  /** Chromium only: `pageCapture.saveAsMHTML`. */
  saveAsMhtml?: SaveAsMhtml;
  /** Downloads posts' images and video posters (lib/capture/media.ts); none when absent. */
  media?: MediaCollector;
  /** Builds the self-contained HTML archive (lib/capture/inline-archive.ts); none when absent. */
  htmlArchiver?: HtmlArchiver;
  /** Decoding and stitching frames (default: createImageBitmap and OffscreenCanvas). */
  imaging?: ImagingDeps;
  vault: CaptureVault;
  sha256Hex(bytes: Uint8Array): Promise<string>;
  fromBase64(text: string): Uint8Array;
  utf8Encode(text: string): Uint8Array;
  randomId(): string;
  environment(): Promise<{ browser: BrowserIdentity; extensionVersion: string }>;
  now?: () => Date;
  /** Pause between screenshot attempts (default: a timer; sub-second, so no alarm is needed). */
  wait?: (ms: number) => Promise<void>;
}

/**
 * Adds artifacts made from a capture's own screenshots to its item (a post's cropped element, its
 * HTML and fields). Runs before the commit, so the item is committed whole or not at all.
 */
export type CaptureExtension = (input: {
  visiblePng: Uint8Array;
  fullPng?: Uint8Array;
  page: PageData;
  item: Readonly<ItemJson>;
  /** The media of `CaptureOptions.otherPosts`, one result per post, in order. */
  media: MediaResult[];
}) => Promise<{
  files: Array<{
    path: string;
    role: EvidenceFile['role'];
    mediaType: string;
    bytes: Uint8Array;
    /** Already computed while the file was made (media); otherwise hashed here. */
    sha256?: string;
  }>;
  group?: ItemGroup;
  notes: string[];
}>;

export interface CaptureOptions {
  /**
   * The post the user chose (picker, context menu): it replaces the page's in the item and its
   * media are downloaded instead of the page's; null when the chosen element showed no post.
   */
  post?: PostFields | null;
  /** Posts cut from the page into items of their own (thread capture): media downloaded alongside. */
  otherPosts?: PostFields[];
}

export interface CaptureService {
  /** The active tab of the last focused normal window (never a popup window of ours). */
  resolveTarget(): Promise<CaptureTarget>;
  capture(
    target?: CaptureTarget,
    extend?: CaptureExtension,
    options?: CaptureOptions,
  ): Promise<{ itemId: string; files: Array<{ path: string; sha256: string }> }>;
  /** Whether Attest may run in private windows, and whether the tab it would capture is in one. */
  privateWindows(): Promise<{ allowed: boolean; targetIsPrivate: boolean }>;
}

const SCREENSHOT_PATH = 'screenshot-visible.png';
const FULL_PAGE_PATH = 'screenshot-full.png';
const SNAPSHOT_PATH = 'page.html';
export { NOTE_NO_POST };
/** Stated in the item of a capture made in a private window: its evidence outlives the window. */
export const NOTE_PRIVATE_WINDOW =
  'captured in a private (incognito) window; kept in the encrypted vault after the window closed';

/** Only web pages and local files can be captured; browser and store pages refuse scripts. */
export function isCapturableUrl(url: string | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!['http:', 'https:', 'file:'].includes(parsed.protocol)) return false;
  const stores = ['chromewebstore.google.com', 'chrome.google.com', 'addons.mozilla.org'];
  return !stores.includes(parsed.hostname);
}

/** Creates the capture service: script injection, screenshots, archive, hashing, one vault commit. */
export function createCaptureService(deps: CaptureDeps): CaptureService {
  const now = deps.now ?? (() => new Date());
  const wait = deps.wait ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  /** The active tab of the last focused normal window, as the browser reported it. */
  async function activeTab(): Promise<{ target: CaptureTarget; tab: TabLike }> {
    let win = await deps.windows.getLastFocused({ windowTypes: ['normal'] });
    // Firefox ignores windowTypes here and may return our own popup window (seen in ESR 153):
    // fall back to the normal windows, the focused one first.
    if (win.type !== undefined && win.type !== 'normal') {
      const normal = await deps.windows.getAll({ windowTypes: ['normal'] });
      win = normal.find((w) => w.focused === true) ?? normal[normal.length - 1] ?? {};
    }
    if (win.id === undefined) throw new CaptureError('no-tab', 'No browser window to capture');
    const [tab] = await deps.tabs.query({ active: true, windowId: win.id });
    if (tab?.id === undefined) throw new CaptureError('no-tab', 'No active tab to capture');
    return { target: { windowId: win.id, tabId: tab.id }, tab };
  }

  async function resolveTarget(): Promise<CaptureTarget> {
    return (await activeTab()).target;
  }

  /**
   * The tab to capture and what the browser says of it now. A target resolved just now comes
   * with its tab; one named earlier (a shortcut waiting for the passphrase, a menu) is asked again.
   */
  async function targetTab(
    requested?: CaptureTarget,
  ): Promise<{ target: CaptureTarget; tab: TabLike }> {
    if (!requested) return activeTab();
    const tab = await deps.tabs.get(requested.tabId).catch(() => undefined);
    return { target: requested, tab: tab ?? {} };
  }

  async function readPage(tabId: number): Promise<PageData> {
    let results: Array<{ result?: unknown }>;
    try {
      results = await deps.injectCaptureScript(tabId);
    } catch (error) {
      throw new CaptureError('restricted-page', `This page cannot be captured: ${String(error)}`, {
        cause: error,
      });
    }
    const data = results[0]?.result;
    if (!isPageData(data)) throw new CaptureError('script-failed', 'The page returned no data');
    return data;
  }

  const hashed = new WeakMap<Uint8Array, string>();

  async function describe(
    path: string,
    role: EvidenceFile['role'],
    mediaType: string,
    bytes: Uint8Array,
    known?: string,
  ): Promise<EvidenceFile> {
    // A page one screen tall gives the same bytes as visible and full screenshot: hash them once.
    let sha256 = known ?? hashed.get(bytes);
    if (sha256 === undefined) hashed.set(bytes, (sha256 = await deps.sha256Hex(bytes)));
    return { path, role, sha256, bytes: bytes.byteLength, mediaType };
  }

  async function capture(
    requested?: CaptureTarget,
    extend?: CaptureExtension,
    options: CaptureOptions = {},
  ) {
    const capturedAt = now().toISOString();
    // Asked together; a locked vault is what the user is told first.
    const targetAsked = targetTab(requested);
    targetAsked.catch(() => undefined); // awaited below, unless the vault is locked
    if ((await deps.vault.status()) !== 'unlocked') {
      throw new CaptureError('vault-locked', 'The vault is locked');
    }
    const { target, tab } = await targetAsked;
    if (tab.active !== true || tab.windowId !== target.windowId) {
      throw new CaptureError('tab-changed', 'The tab to capture is no longer shown');
    }
    if (!isCapturableUrl(tab.url)) {
      throw new CaptureError('restricted-page', 'Browser and store pages cannot be captured');
    }
    // The vault reads what the commit needs, and seals each file as it comes, from now on.
    const draft = deps.vault.draftCapture();
    // Started now, awaited at the end: neither depends on the page.
    const context = Promise.all([deps.vault.identity(), deps.environment()]);
    context.catch(() => undefined); // awaited below; a capture failing first must not leave it unhandled
    // Screenshot first: it is what the user saw when they asked.
    const screenshots = createScreenshotter({
      captureVisibleTab: (windowId, options) => deps.tabs.captureVisibleTab(windowId, options),
      fromBase64: (text) => deps.fromBase64(text),
      wait,
      now: () => Date.now(),
    });
    const shot = screenshots.visible(target.windowId);
    // Read alongside the screenshot (these only read the page; nothing they do is drawn), and
    // before full-page scrolling touches it, so the snapshot and both archives too hold the
    // page as the user saw it. Neither archive rejects: a failure is a note.
    const pageRead = readPage(target.tabId);
    const mhtml = captureMhtml(deps.saveAsMhtml, target.tabId);
    const inlineStarted = deps.htmlArchiver?.start(target.tabId, capturedAt);
    pageRead.catch(() => undefined); // awaited below, unless the screenshot fails first
    // The archive works on its own copy of the page, made when it starts: it is finished from
    // then on, while the screenshots are taken. A capture that stops early has ended it too.
    const archiving = inlineStarted?.then((build) => build.finish());
    archiving?.catch(() => undefined); // awaited below, unless the capture stops first
    // Each file is hashed here, and hashed and sealed by the vault, as soon as it exists: what
    // the page gives is mostly done by the time the screenshot is. The vault re-checks the hashes.
    const store = (
      path: string,
      role: EvidenceFile['role'],
      type: string,
      bytes: Uint8Array,
      sha256?: string,
    ) => {
      draft.add(path, bytes);
      return describe(path, role, type, bytes, sha256);
    };
    const snapshotFile = pageRead.then((p) =>
      store(SNAPSHOT_PATH, 'dom-snapshot', 'text/html', deps.utf8Encode(p.html)),
    );
    const mhtmlFile = mhtml.then((a) =>
      'bytes' in a ? store(MHTML_PATH, 'page-archive-mhtml', MHTML_MEDIA_TYPE, a.bytes) : null,
    );
    const htmlArchiveFile = archiving?.then((a) =>
      a && 'bytes' in a
        ? store(HTML_ARCHIVE_PATH, 'page-archive-html', HTML_ARCHIVE_MEDIA_TYPE, a.bytes)
        : null,
    );
    // Awaited below, unless the screenshot fails first.
    for (const started of [snapshotFile, mhtmlFile, htmlArchiveFile])
      started?.catch(() => undefined);
    const png = await shot;
    const visibleFile = store(SCREENSHOT_PATH, 'screenshot-visible', 'image/png', png);
    const page = await pageRead;
    const archive = await mhtml;
    const extras = pageExtras(page);
    const chosen = options.post !== undefined;
    const ownPost = chosen ? (options.post ?? undefined) : extras.post;
    // A chosen element speaks for itself (its own notes say when it showed no post).
    const notes = [
      ...(tab.incognito === true ? [NOTE_PRIVATE_WINDOW] : []),
      ...extras.notes.filter((n) => !chosen || n !== NOTE_NO_POST),
    ];
    // Downloaded while the full page is scrolled: neither waits for the other. Never rejects.
    const media = collectCaptureMedia(deps.media, target.tabId, ownPost, options.otherPosts ?? []);
    const files = [await visibleFile, await snapshotFile];
    const add = async (
      path: string,
      role: EvidenceFile['role'],
      type: string,
      b: Uint8Array,
      sha256?: string,
    ) => {
      files.push(await store(path, role, type, b, sha256));
    };
    const fullPage = createFullPageCapture({
      runInPage: deps.runInPage,
      screenshots,
      imaging: deps.imaging ?? createBrowserImaging(),
      captureTab: deps.captureTab,
      fromBase64: (text) => deps.fromBase64(text),
      wait,
    });
    let fullPng: Uint8Array | undefined;
    try {
      const full = await fullPage.capture(target, png, asPageMetrics(page.metrics) ?? undefined);
      fullPng = full.png;
      await add(FULL_PAGE_PATH, 'screenshot-full', 'image/png', full.png);
      notes.push(...full.notes);
    } catch (error) {
      // The visible screenshot and the snapshot are still evidence: keep them, say what is missing.
      notes.push(`full-page screenshot failed: ${String(error)}`);
    }
    const mhtmlEntry = await mhtmlFile;
    if (mhtmlEntry) files.push(mhtmlEntry);
    else if ('note' in archive) notes.push(archive.note);
    const selfContained = await archiving;
    const htmlArchiveEntry = await htmlArchiveFile;
    if (htmlArchiveEntry && selfContained && 'bytes' in selfContained) {
      files.push(htmlArchiveEntry);
      notes.push(...selfContained.notes);
    } else if (selfContained && 'note' in selfContained) notes.push(selfContained.note);
    const got = await media;
    for (const f of got.own?.files ?? [])
      await add(f.path, 'media', f.mediaType, f.bytes, f.sha256);
    notes.push(...(got.own?.notes ?? []));
    const post = got.own?.post ?? ownPost;
    const [identity, environment] = await context;
    const item: ItemJson = {
      formatVersion: 1,
      id: deps.randomId(),
      capturedAt,
      timezone: page.timezone,
      source: { url: tab.url ?? page.url, finalUrl: page.url, title: page.title },
      environment: {
        userAgent: page.userAgent,
        browser: environment.browser,
        extensionVersion: environment.extensionVersion,
        viewport: page.viewport,
        devicePixelRatio: page.devicePixelRatio,
      },
      collector: { name: identity.name, fingerprint: identity.fingerprint },
      files,
      ...(post ? { post } : {}),
      notes,
    };
    if (extend) {
      const more = await extend({ visiblePng: png, fullPng, page, item, media: got.others });
      for (const f of more.files) await add(f.path, f.role, f.mediaType, f.bytes, f.sha256);
      if (more.group) item.group = more.group;
      item.notes = [...(item.notes ?? []), ...more.notes];
    }
    await commitOrExplain(() => draft.commit(item));
    return { itemId: item.id, files: files.map(({ path, sha256 }) => ({ path, sha256 })) };
  }

  async function privateWindows() {
    // Not knowing is reported as not allowed: the user is then told how to check.
    const allowed = (await deps.isAllowedIncognitoAccess?.().catch(() => false)) ?? false;
    const found = await activeTab().catch(() => undefined);
    return { allowed, targetIsPrivate: found?.tab.incognito === true };
  }

  return { resolveTarget, capture, privateWindows };
}
