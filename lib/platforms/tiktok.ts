// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * TikTok. Video and photo pages carry the post as JSON: `script#__UNIVERSAL_DATA_FOR_REHYDRATION__`
 * (`__DEFAULT_SCOPE__["webapp.video-detail"].itemInfo.itemStruct`), or on older pages
 * `script#SIGI_STATE` (`ItemModule[<id>]`). Comments come from the `data-e2e` markup.
 */
import type { PostFields, PostMedia } from '../model/item';
import { isoFromSeconds, safeUrl, textOf } from './read-dom';
import { at, jsonOf, list, str } from './read-json';
import { isHost, type FoundPost, type PlatformExtractor } from './types';

const POST_PATH = /^\/@([A-Za-z0-9._]{1,50})\/(video|photo)\/(\d{5,25})\/?$/;
const COMMENT = '[data-e2e="comment-level-1"], [data-e2e="comment-level-2"]';

function itemOf(doc: Document, id: string): unknown {
  const universal = jsonOf(
    doc.querySelector('script#__UNIVERSAL_DATA_FOR_REHYDRATION__')?.textContent,
  );
  const item = at(universal, '__DEFAULT_SCOPE__', 'webapp.video-detail', 'itemInfo', 'itemStruct');
  if (str(item, 'id') === id) return item;
  const sigi = jsonOf(doc.querySelector('script#SIGI_STATE')?.textContent);
  const legacy = at(sigi, 'ItemModule', id);
  return str(legacy, 'id') === id ? legacy : undefined;
}

function mediaOfItem(item: unknown, base: string): PostMedia[] {
  const images = list(item, 'imagePost', 'images')
    .map((image) => safeUrl(str(image, 'imageURL', 'urlList', 0), base))
    .filter((url): url is string => url !== undefined)
    .map((url): PostMedia => ({ url, type: 'image' }));
  if (images.length > 0) return images;
  const poster = safeUrl(str(item, 'video', 'cover'), base);
  const src = safeUrl(str(item, 'video', 'playAddr'), base) ?? poster;
  return src ? [{ url: src, type: 'video', poster }] : [];
}

function comments(doc: Document, url: string): FoundPost[] {
  return Array.from(doc.querySelectorAll(COMMENT))
    .slice(0, 200)
    .map((text) => {
      const element = text.parentElement ?? text;
      const level = text.getAttribute('data-e2e')?.endsWith('2') ? '2' : '1';
      const name = element.querySelector(`[data-e2e="comment-username-${level}"] a[href^="/@"]`);
      const handle = /^\/@([A-Za-z0-9._]{1,50})$/.exec(name?.getAttribute('href') ?? '')?.[1];
      const post: PostFields = {
        platform: 'tiktok',
        text: textOf(text),
        postedAtRaw: textOf(element.querySelector(`[data-e2e="comment-time-${level}"]`), 100),
        author: handle
          ? { handle, displayName: textOf(name, 200), url: safeUrl(`/@${handle}`, url) }
          : undefined,
      };
      return { element, post };
    });
}

/** TikTok: the video or photo post of a `/@user/video/<id>` page. */
export const tiktokExtractor: PlatformExtractor = {
  platform: 'tiktok',
  matches: (url) => isHost(url.hostname, 'tiktok.com'),
  extractAll: comments,
  extract(doc, url) {
    const match = POST_PATH.exec(new URL(url).pathname);
    if (!match) return undefined;
    const [, , kind, id] = match;
    const item = itemOf(doc, id ?? '');
    if (!item) return undefined;
    // The current item names its author by `author.uniqueId`, the legacy one by `author`.
    const handle = str(item, 'author', 'uniqueId') ?? str(item, 'author');
    const duetFrom = str(item, 'duetInfo', 'duetFromId');
    const nickname = doc.querySelector('[data-e2e="browser-nickname"]');
    const shown = nickname?.lastElementChild;
    return {
      platform: 'tiktok',
      id,
      url: handle ? safeUrl(`https://www.tiktok.com/@${handle}/${kind}/${id}`, url) : undefined,
      text: str(item, 'desc'),
      postedAt: isoFromSeconds(str(item, 'createTime')),
      postedAtRaw: shown && shown !== nickname.firstElementChild ? textOf(shown, 100) : undefined,
      author: {
        handle,
        displayName: str(item, 'author', 'nickname') ?? str(item, 'nickname'),
        id: str(item, 'author', 'id') ?? str(item, 'authorId'),
        url: handle ? safeUrl(`https://www.tiktok.com/@${handle}`, url) : undefined,
      },
      media: mediaOfItem(item, url),
      quoted:
        duetFrom && /^[1-9]\d{4,24}$/.test(duetFrom)
          ? { platform: 'tiktok', id: duetFrom }
          : undefined,
    };
  },
};
