// SPDX-License-Identifier: AGPL-3.0-or-later

/** `pageCapture.saveAsMHTML`, which only Chromium has. */
export type SaveAsMhtml = (details: { tabId: number }) => Promise<Blob | undefined>;

export const MHTML_PATH = 'page.mhtml';
const MHTML_ATTEMPTS = 3;
export const MHTML_MEDIA_TYPE = 'multipart/related';
// pageCapture is a Chromium-only API (https://developer.chrome.com/docs/extensions/reference/api/pageCapture);
// Firefox does not implement it.
export const NOTE_NO_MHTML =
  'MHTML page archive not made: this browser has no pageCapture API (Firefox); the DOM snapshot is the page archive';

/** The MHTML archive of the tab, or the note that says why there is none. */
export async function captureMhtml(
  save: SaveAsMhtml | undefined,
  tabId: number,
): Promise<{ bytes: Uint8Array } | { note: string }> {
  if (!save) return { note: NOTE_NO_MHTML };
  let failure = '';
  // Chromium backs the returned Blob with a temporary file that is sometimes gone before it can
  // be read (NotFoundError, seen in headless Chromium 156 under load); a fresh capture succeeds.
  for (let attempt = 0; attempt < MHTML_ATTEMPTS; attempt++) {
    try {
      const blob = await save({ tabId });
      if (!blob) return { note: 'MHTML page archive failed: the browser returned nothing' };
      return { bytes: new Uint8Array(await blob.arrayBuffer()) };
    } catch (error) {
      failure = String(error);
    }
  }
  return { note: `MHTML page archive failed after ${MHTML_ATTEMPTS} attempts: ${failure}` };
}
