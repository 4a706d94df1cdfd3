// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EvidenceFile } from '../model/item';
import type { CaptureExtension, CaptureService, CaptureTarget } from './capture-tab';
import { planCrop, pngSize, type CropPng } from './element-crop';
import { isPostScriptResult, type ElementData, type PostScriptResult } from './element-data';
import { CaptureError } from './errors';
import type { RunInPage } from './full-page';
import { setPostScriptMode } from './post-script';

export const ELEMENT_SCREENSHOT_PATH = 'screenshot-element.png';
export const ELEMENT_HTML_PATH = 'element.html';

export interface ElementFile {
  path: string;
  role: EvidenceFile['role'];
  mediaType: string;
  bytes: Uint8Array;
}

export interface PostCaptureDeps {
  capture: CaptureService;
  runInPage: RunInPage;
  /** `scripting.executeScript({ target: { tabId }, files: ['/posts.js'] })`, first result. */
  injectPostScript(tabId: number): Promise<unknown>;
  cropPng: CropPng;
  utf8Encode(text: string): Uint8Array;
}

/** The element's own artifacts: its crop of the page screenshots and its inert HTML. */
export async function elementArtifacts(
  el: ElementData,
  shots: { visiblePng: Uint8Array; fullPng?: Uint8Array },
  deps: Pick<PostCaptureDeps, 'cropPng' | 'utf8Encode'>,
): Promise<{ files: ElementFile[]; notes: string[] }> {
  const files: ElementFile[] = [];
  const notes = [...el.notes];
  const full = shots.fullPng;
  const plan = planCrop(el, pngSize(shots.visiblePng), full ? pngSize(full) : undefined);
  if ('note' in plan) {
    notes.push(plan.note);
  } else {
    const source = plan.source === 'full' && full ? full : shots.visiblePng;
    try {
      const bytes = await deps.cropPng(source, plan.rect);
      files.push({
        path: ELEMENT_SCREENSHOT_PATH,
        role: 'screenshot-element',
        mediaType: 'image/png',
        bytes,
      });
      notes.push(...plan.notes);
    } catch (error) {
      notes.push(`element screenshot failed: ${String(error)}`);
    }
  }
  const html = deps.utf8Encode(el.html);
  files.push({
    path: ELEMENT_HTML_PATH,
    role: 'element-snapshot',
    mediaType: 'text/html',
    bytes: html,
  });
  return { files, notes };
}

/** Creates single-post capture: picker (or the element under the pointer), then the page capture. */
export function createPostCapture(deps: PostCaptureDeps) {
  /** Runs the post script in the tab and checks what it returns. */
  async function runPostScript(
    tabId: number,
    mode: 'pick' | 'hover' | 'all',
  ): Promise<PostScriptResult> {
    let result: unknown;
    try {
      await deps.runInPage(tabId, setPostScriptMode, [mode]);
      result = await deps.injectPostScript(tabId);
    } catch (error) {
      throw new CaptureError('restricted-page', `This page cannot be captured: ${String(error)}`, {
        cause: error,
      });
    }
    if (!isPostScriptResult(result)) {
      throw new CaptureError('script-failed', 'The page returned no element');
    }
    return result;
  }

  function extensionFor(el: ElementData): CaptureExtension {
    return async (shots) => {
      const { files, notes } = await elementArtifacts(el, shots, deps);
      return { files, notes };
    };
  }

  return {
    runPostScript,
    /**
     * Lets the user choose a post (or takes the one under the pointer after a right click) and
     * captures it with the page around it. Resolves `{ cancelled: true }` when the user pressed Esc.
     */
    async capturePost(target: CaptureTarget, mode: 'pick' | 'hover') {
      const result = await runPostScript(target.tabId, mode);
      if (result.kind === 'cancelled') return { cancelled: true as const };
      if (result.kind !== 'element') throw new CaptureError('script-failed', 'No element chosen');
      const el = result.element;
      // The element's post, not the page's, is the item's: its media are the ones downloaded.
      return deps.capture.capture(target, extensionFor(el), { post: el.post ?? null });
    },
  };
}

export type PostCapture = ReturnType<typeof createPostCapture>;
