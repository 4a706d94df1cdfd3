// SPDX-License-Identifier: AGPL-3.0-or-later
import { CaptureError } from './errors';

// Chromium allows 2 captureVisibleTab calls a second per extension (a token bucket refilled each
// second: MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND, chrome/browser/extensions/api/tabs/tabs_api.cc).
// Spacing calls a little over 500 ms apart stays under it; the retry covers calls made by an
// earlier capture or another part of the extension.
export const CAPTURE_INTERVAL_MS = 520;
const QUOTA_RETRIES = 4;
const QUOTA_WAIT_MS = 600;
const QUOTA_MESSAGE = /MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND/;
const PNG_DATA_URL = 'data:image/png;base64,';

export interface ScreenshotDeps {
  captureVisibleTab(windowId: number, options: { format: 'png' }): Promise<string>;
  fromBase64(text: string): Uint8Array;
  wait(ms: number): Promise<void>;
  now(): number;
}

export interface Screenshotter {
  /** PNG bytes of the visible part of the window's active tab; paced and retried under the quota. */
  visible(windowId: number): Promise<Uint8Array>;
}

/** Decodes a PNG data URL from a screenshot API. */
export function pngFromDataUrl(dataUrl: string, fromBase64: (t: string) => Uint8Array): Uint8Array {
  if (!dataUrl.startsWith(PNG_DATA_URL)) {
    throw new CaptureError('screenshot-failed', 'Screenshot is not a PNG');
  }
  return fromBase64(dataUrl.slice(PNG_DATA_URL.length));
}

/** Creates a screenshotter; one per capture, so its pacing state never outlives the capture. */
export function createScreenshotter(deps: ScreenshotDeps): Screenshotter {
  let last = Number.NEGATIVE_INFINITY;

  async function visible(windowId: number): Promise<Uint8Array> {
    let dataUrl = '';
    for (let attempt = 0; ; attempt++) {
      const due = last + CAPTURE_INTERVAL_MS - deps.now();
      if (due > 0) await deps.wait(due);
      last = deps.now();
      try {
        dataUrl = await deps.captureVisibleTab(windowId, { format: 'png' });
        break;
      } catch (error) {
        if (attempt < QUOTA_RETRIES && QUOTA_MESSAGE.test(String(error))) {
          await deps.wait(QUOTA_WAIT_MS);
          last = Number.NEGATIVE_INFINITY; // the quota wait is longer than the pacing interval
          continue;
        }
        throw new CaptureError('screenshot-failed', `Screenshot failed: ${String(error)}`, {
          cause: error,
        });
      }
    }
    return pngFromDataUrl(dataUrl, (text) => deps.fromBase64(text));
  }

  return { visible };
}
