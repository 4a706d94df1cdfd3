// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The self-contained HTML archive of a page (`page-archive-html`), in every browser.
 *
 * Why our own inliner rather than single-file-core (AGPL-3.0-or-later, so licence-compatible):
 * it is ~1.3 MB of untyped JavaScript (css-tree, zip.js, a template formatter) for a capture
 * script we keep small; its frame support talks to frames with `window.postMessage`, which the
 * page can see and forge (we promise pages cannot detect the extension, and nothing from a page
 * is trusted); its fidelity hooks run in the page's main world at document start, which needs a
 * static content script we do not declare; and it has no tests. What evidence needs is narrower:
 * inline what the page showed, run nothing, fetch nothing when opened. That is ~400 lines here,
 * tested, and reviewed with the rest of the capture code.
 *
 * The fetching happens in the page's isolated world (lib/capture/inline-fetch.ts), as the page's
 * own script could fetch (lib/capture/fetch-as-page.ts): the page's cache gives the bytes the
 * user saw. A file the page could not read (in Chromium an image from another origin without
 * CORS headers) is left out and listed in the item's notes: the background does not download it,
 * since its request would tell the file's server that the page was captured
 * (docs/threat-model.md). The page keeps only images, fonts and stylesheets (inline-fetch.ts). The
 * archive is never rendered in an extension page: it is an evidence file, exported or downloaded
 * only.
 */
import type { RunInPage } from './full-page';
import type { InlineBuild } from './inline-archive-build';
import type { InlineOptions, InlineResult } from './inline-archive-page';

export const HTML_ARCHIVE_PATH = 'page-archive.html';
export const HTML_ARCHIVE_MEDIA_TYPE = 'text/html';
export const ARCHIVE_LIMITS = {
  maxResourceBytes: 20 * 1024 * 1024,
  maxTotalBytes: 100 * 1024 * 1024,
  timeoutMs: 45_000,
  maxFrameDepth: 3,
};

export interface HtmlArchiverDeps {
  /** `scripting.executeScript({ target: { tabId }, files: ['/inline-archive.js'] })` */
  injectArchiveScript(tabId: number): Promise<unknown>;
  runInPage: RunInPage;
  utf8Encode(text: string): Uint8Array;
}

type ArchiveGlobal = {
  __attestInlineArchive?: (doc: Document, o: InlineOptions) => InlineBuild;
  __attestInlineBuild?: InlineBuild;
};

/**
 * Runs in the page: starts the builder the injected script installed. The document is cloned
 * before this returns, so the full-page screenshot's scrolling and hiding cannot leak into it.
 */
function startBuilder(options: InlineOptions): boolean {
  const g = globalThis as ArchiveGlobal;
  if (!g.__attestInlineArchive) return false;
  g.__attestInlineBuild = g.__attestInlineArchive(document, options);
  return true;
}

/** Runs in the page: the finished archive (executeScript waits for the promise). */
function finishBuilder(): Promise<unknown> | null {
  const g = globalThis as ArchiveGlobal;
  const build = g.__attestInlineBuild;
  delete g.__attestInlineBuild;
  return build ? build.end().catch(String) : null;
}

function isInlineResult(value: unknown): value is InlineResult {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.skipped === 'string') return v.skipped.length <= 300;
  return (
    typeof v.html === 'string' &&
    Array.isArray(v.notes) &&
    v.notes.length <= 10 &&
    v.notes.every((n) => typeof n === 'string' && n.length <= 2_000)
  );
}

type ArchiveResult = { bytes: Uint8Array; notes: string[] } | { note: string };

/**
 * Creates the archiver. `start` returns once the page is cloned; `finish` gives the file's bytes
 * and notes, or the note saying why there is none (never throws: the capture goes on without it).
 */
export function createHtmlArchiver(deps: HtmlArchiverDeps) {
  const failed = (error: unknown): ArchiveResult => ({
    note: `HTML archive not made: ${String(error)}`,
  });

  async function finish(tabId: number): Promise<ArchiveResult> {
    try {
      const result = await deps.runInPage(tabId, finishBuilder, []);
      if (!isInlineResult(result))
        return { note: 'HTML archive not made: the page returned no archive' };
      if ('skipped' in result) return { note: `HTML archive not made: ${result.skipped}` };
      if (result.html.length > ARCHIVE_LIMITS.maxTotalBytes * 1.5)
        return { note: 'HTML archive not made: larger than the archive cap' };
      return { bytes: deps.utf8Encode(result.html), notes: result.notes };
    } catch (error) {
      return failed(error);
    }
  }

  return {
    async start(tabId: number, capturedAt: string): Promise<{ finish(): Promise<ArchiveResult> }> {
      try {
        await deps.injectArchiveScript(tabId);
        const options: InlineOptions = { ...ARCHIVE_LIMITS, capturedAt };
        const started = await deps.runInPage(tabId, startBuilder, [options]);
        if (started !== true) throw new Error('the archive script did not start');
        return { finish: () => finish(tabId) };
      } catch (error) {
        return { finish: () => Promise.resolve(failed(error)) };
      }
    },
  };
}

export type HtmlArchiver = ReturnType<typeof createHtmlArchiver>;
