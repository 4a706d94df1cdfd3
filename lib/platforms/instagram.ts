// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Instagram. Post pages carry the media item as JSON in `script[type="application/json"]
 * [data-sjs]` (`xdt_api__v1__media__shortcode__web_info.items[]`: `code`, `pk`, `taken_at`,
 * `caption.text`, `user`, `image_versions2`, `video_versions`, `carousel_media`) and `og:` /
 * `instapp:owner_user_id` tags; the displayed date is the post's `time[datetime]`.
 */
import type { PostMedia } from '../model/item';
import { attr, isoFromSeconds, isoFromString, meta, safeUrl, textOf } from './read-dom';
import { at, findObjects, jsonScripts, list, str } from './read-json';
import { isHost, type FoundPost, type PlatformExtractor } from './types';

type Json = Record<string, unknown>;
const POST_PATH =
  /^\/(?:[A-Za-z0-9._]{1,30}\/)?(p|reel|tv)\/([A-Za-z0-9_-]{5,40})(?:\/c\/(\d{5,25}))?\/?$/;

function mediaOfItem(item: unknown, base: string): PostMedia[] {
  const parts = list(item, 'carousel_media');
  return (parts.length > 0 ? parts : [item]).flatMap((part): PostMedia[] => {
    const image = safeUrl(str(part, 'image_versions2', 'candidates', 0, 'url'), base);
    const video = safeUrl(str(part, 'video_versions', 0, 'url'), base);
    if (video) return [{ url: video, type: 'video', poster: image }];
    return image ? [{ url: image, type: 'image' }] : [];
  });
}

function user(owner: unknown, base: string) {
  const handle = str(owner, 'username');
  return {
    handle,
    displayName: str(owner, 'full_name'),
    id: str(owner, 'pk') ?? str(owner, 'id'),
    url: handle ? safeUrl(`https://www.instagram.com/${handle}/`, base) : undefined,
  };
}

function displayedTime(doc: Document, code: string) {
  const time = doc.querySelector(`a[href*="/${code}/"] time[datetime]`);
  return { at: isoFromString(attr(time, 'datetime')), raw: textOf(time, 100) };
}

/** Instagram: the post (or `/c/<id>` comment) of a post or reel page. */
export const instagramExtractor: PlatformExtractor = {
  platform: 'instagram',
  matches: (url) => isHost(url.hostname, 'instagram.com'),
  extractAll: (doc): FoundPost[] =>
    Array.from(doc.querySelectorAll('article'))
      .slice(0, 200)
      .map((element) => ({
        element,
        post: { platform: 'instagram', text: textOf(element.querySelector('h1')) },
      })),
  extract(doc, url) {
    const match = POST_PATH.exec(new URL(url).pathname);
    if (!match) return undefined;
    const [, kind, code = '', commentId] = match;
    const postUrl = safeUrl(`https://www.instagram.com/${kind}/${code}/`, url);
    const scripts = jsonScripts(doc, 'script[type="application/json"][data-sjs]');
    if (commentId) {
      const comment = scripts.flatMap((j) =>
        findObjects(j, (o) => str(o, 'pk') === commentId && 'text' in o),
      )[0];
      if (!comment) return undefined;
      return {
        platform: 'instagram',
        id: commentId,
        url: safeUrl(`https://www.instagram.com/${kind}/${code}/c/${commentId}/`, url),
        text: str(comment, 'text'),
        postedAt: isoFromSeconds(at(comment, 'created_at')),
        author: user(at(comment, 'user'), url),
        inReplyTo: postUrl,
      };
    }
    const item: Json | undefined = scripts.flatMap((j) =>
      findObjects(j, (o) => o.code === code && typeof o.taken_at === 'number'),
    )[0];
    const shown = displayedTime(doc, code);
    if (item) {
      return {
        platform: 'instagram',
        id: str(item, 'pk'),
        url: postUrl,
        text: str(item, 'caption', 'text'),
        postedAt: isoFromSeconds(item.taken_at),
        postedAtRaw: shown.raw,
        author: user(at(item, 'user'), url),
        media: mediaOfItem(item, url),
      };
    }
    // Without the JSON the head tags still identify the post and its owner.
    const ogUrl = safeUrl(meta(doc, 'og:url', 2048), url);
    if (!ogUrl || !new URL(ogUrl).pathname.includes(`/${code}/`)) return undefined;
    const image = safeUrl(meta(doc, 'og:image', 2048), url);
    return {
      platform: 'instagram',
      url: postUrl,
      postedAt: shown.at,
      postedAtRaw: shown.raw,
      author: { id: meta(doc, 'instapp:owner_user_id', 40) },
      media: image ? [{ url: image, type: 'image' }] : [],
    };
  },
};
