// SPDX-License-Identifier: AGPL-3.0-or-later

/** `pageCapture.saveAsMHTML`, which only Chromium has. */
export type SaveAsMhtml = (details: { tabId: number }) => Promise<Blob | undefined>;

export const MHTML_PATH = 'page.mhtml';
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
  try {
    const blob = await save({ tabId });
    if (!blob) return { note: 'MHTML page archive failed: the browser returned nothing' };
    return { bytes: new Uint8Array(await blob.arrayBuffer()) };
  } catch (error) {
    return { note: `MHTML page archive failed: ${String(error)}` };
  }
}
