// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaptureExtension } from './capture-tab';
import type { RunInPage } from './full-page';
import { verifyMediaType } from './media-types';
import { fetchInPage, isPageFetchResults } from './page-fetch';

/** "Capture this image" stops at this size and says so in the item. */
export const IMAGE_CAP_BYTES = 50 * 1024 * 1024;
const IMAGE_TIME_LIMIT_MS = 60_000;

export interface ImageCaptureDeps {
  runInPage: RunInPage;
  fromBase64(text: string): Uint8Array;
}

/**
 * The context menu's image: downloaded from inside the page (its cookies, referrer and cache, so
 * the server answers as it answered the user), type-checked by its bytes and kept as a `media`
 * file named `chosen-image.<ext>` (apart from the post's own `media-<n>` files), with its URL in
 * the notes. The page's screenshots and archive come with it as context.
 */
export function imageExtension(
  deps: ImageCaptureDeps,
  tabId: number,
  srcUrl: string,
): CaptureExtension {
  return async () => {
    if (!/^(https?|data|blob):/i.test(srcUrl)) {
      return {
        files: [],
        notes: [`image not downloaded: unsupported address ${srcUrl.slice(0, 200)}`],
      };
    }
    let raw: unknown;
    try {
      raw = await deps.runInPage(tabId, fetchInPage, [
        [srcUrl],
        IMAGE_CAP_BYTES,
        IMAGE_TIME_LIMIT_MS,
      ]);
    } catch (error) {
      return { files: [], notes: [`image not downloaded: ${String(error)}`] };
    }
    const [result] = isPageFetchResults(raw, [srcUrl]) ? raw : [];
    if (!result?.ok) {
      const why = result?.tooLarge
        ? `over the ${IMAGE_CAP_BYTES / 1024 / 1024} MB cap`
        : (result?.error ?? 'the page returned nothing');
      return { files: [], notes: [`image not downloaded (${why}): ${srcUrl}`] };
    }
    const bytes = deps.fromBase64(result.base64);
    const type = verifyMediaType(result.contentType, bytes);
    const path = `chosen-image.${/^[a-z0-9]{1,8}$/.test(type.ext) ? type.ext : 'bin'}`;
    const notes = [`${path}: the image chosen with the context menu, downloaded from ${srcUrl}`];
    if (type.mismatch) notes.push(`${path}: ${type.mismatch}`);
    return { files: [{ path, role: 'media', mediaType: type.mediaType, bytes }], notes };
  };
}
