// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * YouTube. Watch pages: `ytInitialPlayerResponse` (videoDetails, microformat) and the
 * `ytd-watch-metadata` / `meta[itemprop]` markup; comments (`ytd-comment-view-model`,
 * `#author-text`, `#content-text`, `#published-time-text`); community posts
 * (`ytd-backstage-post-renderer`, shared ones in `ytd-shared-post-renderer`).
 */
import type { PostFields } from '../model/item';
import { attr, isoFromString, mediaOf, safeUrl, textOf } from './read-dom';
import { assignedJson, at, list, str } from './read-json';
import { isHost, outside, type FoundPost, type PlatformExtractor } from './types';

const ITEMS =
  'ytd-comment-view-model, ytd-comment-renderer, ytd-shared-post-renderer, ytd-backstage-post-renderer';
const HANDLE = /^\/@([A-Za-z0-9._-]{1,100})\/?$/;

function videoId(url: URL): string | undefined {
  const id =
    url.hostname === 'youtu.be'
      ? url.pathname.slice(1)
      : url.pathname === '/watch'
        ? url.searchParams.get('v')
        : /^\/shorts\/([^/]+)/.exec(url.pathname)?.[1];
  return id && /^[A-Za-z0-9_-]{11}$/.test(id) ? id : undefined;
}

function channel(link: Element | null | undefined, base: string) {
  const url = safeUrl(link?.getAttribute('href'), base);
  if (!url) return undefined;
  const path = new URL(url).pathname;
  const shown = textOf(link, 200);
  return {
    handle: HANDLE.exec(path)?.[1],
    // Comments show the handle where posts show the channel's name.
    displayName: shown?.startsWith('@') ? undefined : shown,
    id: /^\/channel\/(UC[A-Za-z0-9_-]{22})$/.exec(path)?.[1],
    url,
  };
}

function itemFields(el: Element, base: string, nested: boolean): PostFields {
  const inner = nested ? undefined : (el.querySelector('ytd-backstage-post-renderer') ?? undefined);
  const own = (selector: string) => outside(el, selector, inner);
  const stamp = own('#published-time-text a')[0];
  const url = safeUrl(stamp?.getAttribute('href'), base);
  const parsed = url ? new URL(url) : undefined;
  const id =
    parsed?.searchParams.get('lc') ??
    /^\/post\/([A-Za-z0-9_-]+)$/.exec(parsed?.pathname ?? '')?.[1];
  return {
    platform: 'youtube',
    id: id ?? undefined,
    url,
    text: textOf(own('#content-text')[0]),
    postedAtRaw: textOf(stamp, 200),
    author: channel(own('a#author-text')[0], base),
    media: mediaOf(own('#content-attachment img'), base),
    quoted: inner ? itemFields(inner, base, true) : undefined,
  };
}

function all(doc: Document, url: string): FoundPost[] {
  return Array.from(doc.querySelectorAll(ITEMS))
    .filter((el) => el.parentElement?.closest('ytd-shared-post-renderer') == null)
    .slice(0, 200)
    .map((element) => ({ element, post: itemFields(element, url, false) }));
}

function watch(doc: Document, url: string, id: string): PostFields | undefined {
  // After in-app navigation the scripts and meta tags still describe the first video loaded:
  // use them only when they name this very video.
  const player = assignedJson(doc, 'ytInitialPlayerResponse');
  const details =
    str(player, 'videoDetails', 'videoId') === id ? at(player, 'videoDetails') : undefined;
  const micro = details ? at(player, 'microformat', 'playerMicroformatRenderer') : undefined;
  const metaOk =
    attr(doc.querySelector('meta[itemprop="identifier"], meta[itemprop="videoId"]'), 'content') ===
    id;
  const metadata = doc.querySelector('ytd-watch-metadata');
  const owner = channel(metadata?.querySelector('ytd-channel-name a[href]'), url);
  const thumbs = list(details, 'thumbnail', 'thumbnails');
  const poster = safeUrl(str(thumbs[thumbs.length - 1], 'url'), url);
  const ownerUrl = safeUrl(str(micro, 'ownerProfileUrl'), url);
  const published = metaOk
    ? attr(
        doc.querySelector('meta[itemprop="datePublished"], meta[itemprop="uploadDate"]'),
        'content',
      )
    : undefined;
  const post: PostFields = {
    platform: 'youtube',
    id,
    url: safeUrl(`https://www.youtube.com/watch?v=${id}`, url),
    title: str(details, 'title') ?? textOf(metadata?.querySelector('h1'), 1000),
    text:
      str(details, 'shortDescription') ??
      textOf(metadata?.querySelector('#description-inline-expander'), 20_000),
    postedAt: isoFromString(str(micro, 'publishDate')) ?? isoFromString(published),
    postedAtRaw: textOf(metadata?.querySelector('#info-strings yt-formatted-string'), 200),
    author: {
      handle:
        owner?.handle ?? (ownerUrl ? HANDLE.exec(new URL(ownerUrl).pathname)?.[1] : undefined),
      displayName: str(details, 'author') ?? owner?.displayName,
      id: str(details, 'channelId') ?? str(micro, 'externalChannelId'),
      url: owner?.url ?? ownerUrl,
    },
    media: poster ? [{ url: poster, type: 'video', poster }] : [],
  };
  return details || metadata ? post : undefined;
}

/** YouTube: the video of a watch page, the comment of a `lc=` link, or a community post. */
export const youtubeExtractor: PlatformExtractor = {
  platform: 'youtube',
  matches: (url) => isHost(url.hostname, 'youtube.com', 'youtu.be'),
  extractAll: all,
  extract(doc, url) {
    const page = new URL(url);
    const comment = page.searchParams.get('lc');
    const id = videoId(page);
    if (comment) {
      const found = all(doc, url).find((p) => p.post.id === comment);
      if (!found) return undefined;
      const parent = comment.includes('.') ? comment.split('.')[0] : undefined;
      const video = id ? safeUrl(`https://www.youtube.com/watch?v=${id}`, url) : undefined;
      const parentUrl = parent && video ? `${video}&lc=${parent}` : undefined;
      return { ...found.post, inReplyTo: parentUrl ?? video };
    }
    if (id) return watch(doc, url, id);
    const postId = /^\/post\/([A-Za-z0-9_-]+)$/.exec(page.pathname)?.[1];
    return postId ? all(doc, url).find((p) => p.post.id === postId)?.post : undefined;
  },
};
