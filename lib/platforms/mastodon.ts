// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Mastodon web UI, on any instance: recognised by the app's own markers (`#mastodon` mount point,
 * `script#initial-state`), not by host. Reads `.status` / `.detailed-status`, `data-id`,
 * `.display-name__account`, `data-hover-card-account` and `time[datetime]`.
 */
import type { PostAuthor, PostFields } from '../model/item';
import { attr, isoFromString, mediaOf, meta, safeUrl, textOf } from './read-dom';
import { outside, type FoundPost, type PlatformExtractor } from './types';

const POSTS = '.status, .detailed-status';
const QUOTE = '.status__quote';
const STATUS_PATH = /^\/(?:deck\/)?@([^/]+)\/(\d{1,25})\/?$/;

function author(link: Element | undefined, base: string): PostAuthor | undefined {
  if (!link) return undefined;
  return {
    handle: textOf(link.querySelector('.display-name__account'), 300)?.replace(/^@/, ''),
    displayName: textOf(link.querySelector('.display-name__html'), 200),
    id: attr(link, 'data-hover-card-account', 40),
    url: safeUrl(link.getAttribute('href'), base),
  };
}

function reposter(status: Element, base: string): PostAuthor | undefined {
  const wrapper = status.parentElement;
  if (!wrapper?.classList.contains('status__wrapper-reblog')) return undefined;
  const link = wrapper.querySelector('.status__prepend a[href]');
  if (!link) return undefined;
  return {
    displayName: textOf(link.querySelector('bdi') ?? link, 200),
    id: attr(link, 'data-hover-card-account', 40) ?? attr(link, 'data-id', 40),
    url: safeUrl(link.getAttribute('href'), base),
  };
}

function fieldsOf(status: Element, doc: Document, base: string, nested: boolean): PostFields {
  const quote = nested ? undefined : (status.querySelector(QUOTE) ?? undefined);
  const own = (selector: string) => outside(status, selector, quote);
  const permalink = own('a.status__relative-time, a.detailed-status__datetime')[0];
  const url = safeUrl(permalink?.getAttribute('href'), base);
  const id =
    attr(status, 'data-id', 40) ?? (url ? STATUS_PATH.exec(new URL(url).pathname)?.[2] : undefined);
  const time = permalink?.querySelector('time[datetime]');
  // The detailed view prints its date as plain text; the server's og:published_time of the same
  // status (checked by og:url) is then the machine-readable date.
  const ogDate =
    url && meta(doc, 'og:url', 2048) === url
      ? isoFromString(meta(doc, 'og:published_time'))
      : undefined;
  const quoted = quote?.querySelector('.status');
  return {
    platform: 'mastodon',
    id,
    url,
    text: textOf(own('.status__content__text')[0]),
    postedAt: isoFromString(time?.getAttribute('datetime')) ?? ogDate,
    postedAtRaw: textOf(time ?? permalink, 200),
    author: author(own('a.status__display-name, a.detailed-status__display-name')[0], base),
    media: mediaOf(own('.media-gallery__item img, .video-player video'), base),
    quoted: quoted ? fieldsOf(quoted, doc, base, true) : undefined,
    repostedBy: reposter(status, base),
  };
}

function all(doc: Document, url: string): FoundPost[] {
  return outside(doc.documentElement, POSTS)
    .filter((el) => el.closest(QUOTE) === null)
    .slice(0, 200)
    .map((element) => ({ element, post: fieldsOf(element, doc, url, false) }));
}

/** Mastodon (any instance): the detailed status of a `/@user/<id>` page. */
export const mastodonExtractor: PlatformExtractor = {
  platform: 'mastodon',
  matches: (_url, doc) =>
    doc.querySelector('#mastodon[data-props], script#initial-state[type="application/json"]') !==
    null,
  extractAll: all,
  extract(doc, url) {
    const wanted = STATUS_PATH.exec(new URL(url).pathname)?.[2];
    if (!wanted) return undefined;
    const posts = all(doc, url);
    const index = posts.findIndex(
      (p) => p.element.classList.contains('detailed-status') && p.post.id === wanted,
    );
    const focused = posts[index];
    if (!focused) return undefined;
    // Mastodon lists the ancestors of the detailed status above it, the parent last.
    const parent = index > 0 ? posts[index - 1]?.post.url : undefined;
    return { ...focused.post, inReplyTo: parent };
  },
};
