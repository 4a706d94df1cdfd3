// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaptureService, CaptureTarget } from './capture-tab';
import type { PostCapture } from './element-capture';
import { imageExtension, type ImageCaptureDeps } from './image-capture';

/** What the user asked to capture: the page, a post (picker or under the pointer), an image. */
export type CaptureRequest =
  { kind: 'page' } | { kind: 'post'; at: 'pick' | 'hover' } | { kind: 'image'; srcUrl: string };

export type CaptureOutcome =
  | { state: 'done'; result: { itemId: string; files: Array<{ path: string; sha256: string }> } }
  | { state: 'cancelled' };

const MAX_SRC_URL = 8192;

/** Checks a request read back from storage before acting on it. */
export function isCaptureRequest(value: unknown): value is CaptureRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.kind === 'page') return true;
  if (v.kind === 'post') return v.at === 'pick' || v.at === 'hover';
  return v.kind === 'image' && typeof v.srcUrl === 'string' && v.srcUrl.length <= MAX_SRC_URL;
}

export interface CaptureRunner {
  run(target: CaptureTarget, request: CaptureRequest): Promise<CaptureOutcome>;
}

/** Runs any capture request against a target tab: one door for popup, shortcuts and menus. */
export function createCaptureRunner(deps: {
  capture: CaptureService;
  posts: PostCapture;
  image: ImageCaptureDeps;
}): CaptureRunner {
  return {
    async run(target, request) {
      if (request.kind === 'post') {
        const outcome = await deps.posts.capturePost(target, request.at);
        return 'cancelled' in outcome ? { state: 'cancelled' } : { state: 'done', result: outcome };
      }
      const extend =
        request.kind === 'image'
          ? imageExtension(deps.image, target.tabId, request.srcUrl)
          : undefined;
      return { state: 'done', result: await deps.capture.capture(target, extend) };
    },
  };
}
