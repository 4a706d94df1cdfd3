// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Reddit, both front ends. New Reddit: the `shreddit-post` / `shreddit-comment` custom elements
 * and their attributes (`permalink`, `author`, `author-id`, `created-timestamp`, `thingid`,
 * `parentid`). Old Reddit: `.thing[data-fullname]` with its `data-*` attributes.
 */
import type { PostFields } from '../model/item';
import { attr, isoFromString, mediaOf, safeUrl, textOf } from './read-dom';
import { isHost, outside, type FoundPost, type PlatformExtractor } from './types';

const COMMENTS_PATH =
  /^\/r\/[^/]+\/comments\/([a-z0-9]{1,12})(?:\/[^/]*)?(?:\/([a-z0-9]{1,12}))?\/?$/;
const NEW = 'shreddit-post, shreddit-comment';
const OLD = '.thing[data-fullname]';

function user(name: string | undefined, id: string | undefined, base: string) {
  if (!name || name === '[deleted]') return undefined;
  return { handle: name, id, url: safeUrl(`/user/${encodeURIComponent(name)}/`, base) };
}

function newFields(el: Element, base: string, nested: boolean): PostFields {
  const isPost = el.tagName === 'SHREDDIT-POST';
  const inner = nested ? undefined : (el.querySelector('shreddit-post') ?? undefined);
  const own = (selector: string) => outside(el, selector, inner);
  const time = own(isPost ? 'faceplate-timeago time' : '[slot="commentMeta"] time')[0];
  const fullname = attr(el, isPost ? 'id' : 'thingid', 40);
  return {
    platform: 'reddit',
    id: fullname,
    url: safeUrl(el.getAttribute('permalink'), base),
    title: isPost ? attr(el, 'post-title', 1000) : undefined,
    text: textOf(own(isPost ? '[slot="text-body"]' : '[slot="comment"]')[0]),
    postedAt:
      isoFromString(el.getAttribute('created-timestamp')) ??
      isoFromString(time?.getAttribute('datetime')),
    postedAtRaw: textOf(time, 200),
    author: user(attr(el, 'author', 100), attr(el, 'author-id', 40), base),
    media: isPost
      ? mediaOf(own('[slot="post-media-container"] img, shreddit-player, shreddit-player-2'), base)
      : [],
    quoted: inner ? newFields(inner, base, true) : undefined,
  };
}

function oldFields(el: Element, base: string): PostFields {
  const isLink = el.getAttribute('data-type') === 'link';
  const time = el.querySelector('.tagline time[datetime]');
  const ms = Number(el.getAttribute('data-timestamp'));
  const expando = el.getAttribute('data-url');
  const image =
    isLink && expando && /^https:\/\/i\.redd\.it\//.test(expando)
      ? safeUrl(expando, base)
      : undefined;
  return {
    platform: 'reddit',
    id: attr(el, 'data-fullname', 40),
    url: safeUrl(el.getAttribute('data-permalink'), base),
    title: isLink ? textOf(el.querySelector('a.title'), 1000) : undefined,
    text: textOf(el.querySelector('.entry .usertext-body .md')),
    postedAt:
      isoFromString(time?.getAttribute('datetime')) ??
      (Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : undefined),
    postedAtRaw: textOf(time, 200),
    author: user(attr(el, 'data-author', 100), attr(el, 'data-author-fullname', 40), base),
    media: image ? [{ url: image, type: 'image' }] : [],
  };
}

function all(doc: Document, url: string): FoundPost[] {
  const fresh = Array.from(doc.querySelectorAll(NEW))
    .filter((el) => el.parentElement?.closest('shreddit-post') == null)
    .slice(0, 200)
    .map((element) => ({ element, post: newFields(element, url, false) }));
  if (fresh.length > 0) return fresh;
  return Array.from(doc.querySelectorAll(OLD))
    .slice(0, 200)
    .map((element) => ({ element, post: oldFields(element, url) }));
}

/** Reddit: the post of a comments page, or the comment of a comment permalink. */
export const redditExtractor: PlatformExtractor = {
  platform: 'reddit',
  matches: (url) => isHost(url.hostname, 'reddit.com'),
  extractAll: all,
  extract(doc, url) {
    const match = COMMENTS_PATH.exec(new URL(url).pathname);
    if (!match) return undefined;
    const [, postId, commentId] = match;
    const posts = all(doc, url);
    const wanted = commentId ? `t1_${commentId}` : `t3_${postId}`;
    const focused = posts.find((p) => p.post.id === wanted);
    if (!focused) return undefined;
    if (!commentId) return focused.post;
    // Old Reddit nests a reply inside its parent's `.thing`.
    const parentId =
      attr(focused.element, 'parentid', 40) ??
      attr(focused.element.parentElement?.closest(OLD), 'data-fullname', 40);
    const parent = posts.find((p) => p.post.id === parentId);
    return { ...focused.post, inReplyTo: parent?.post.url ?? parentId };
  },
};
