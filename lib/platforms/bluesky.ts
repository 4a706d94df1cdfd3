// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Bluesky web app (bsky.app). Reads the `data-testid` attributes of its React Native Web markup:
 * `postThreadItem-by-<handle>`, `feedItem-by-<handle>`, `postText`; the author's DID appears in the
 * CDN paths of avatars and images (`cdn.bsky.app/img/<kind>/plain/<did>/…`).
 */
import type { PostAuthor, PostFields } from '../model/item';
import { attr, isoFromString, mediaOf, safeUrl, textOf } from './read-dom';
import { isHost, outside, type FoundPost, type PlatformExtractor } from './types';

const ITEMS = '[data-testid^="postThreadItem-by-"], [data-testid^="feedItem-by-"]';
const POST_PATH = /^\/profile\/([^/]{1,253})\/post\/([a-z2-7]{13})\/?$/;
const DID = /\/img\/[a-z_]+\/plain\/(did:[a-z]+:[A-Za-z0-9._:-]{1,200})\//;

function handleOf(item: Element): string | undefined {
  const testId = item.getAttribute('data-testid') ?? '';
  return testId.replace(/^(postThreadItem|feedItem)-by-/, '').slice(0, 253) || undefined;
}

function author(root: Element, handle: string | undefined, base: string, quote?: Element) {
  if (!handle) return undefined;
  const links = outside(root, `a[href="/profile/${cssSafe(handle)}"]`, quote);
  const avatar = links.map((a) => a.querySelector('img[src]')).find((img) => img);
  const named = links.find(
    (a) => !a.querySelector('img') && !(a.textContent ?? '').startsWith('@'),
  );
  const result: PostAuthor = {
    handle,
    displayName: textOf(named, 200),
    id: DID.exec(avatar?.getAttribute('src') ?? '')?.[1],
    url: safeUrl(`/profile/${handle}`, base),
  };
  return result;
}

// Handles are DNS names: only these characters can reach a selector.
function cssSafe(handle: string): string {
  return handle.replace(/[^A-Za-z0-9.-]/g, '');
}

function fieldsOf(item: Element, base: string, handle: string | undefined, nested: boolean) {
  const quote = nested
    ? undefined
    : Array.from(item.querySelectorAll('div[role="link"]')).find((el) =>
        el.querySelector('a[href*="/post/"]'),
      );
  const own = (selector: string) => outside(item, selector, quote);
  const permalink = own('a[href*="/post/"]').find((a) =>
    POST_PATH.test(a.getAttribute('href') ?? ''),
  );
  const url = safeUrl(permalink?.getAttribute('href'), base);
  const match = url ? POST_PATH.exec(new URL(url).pathname) : null;
  const reposter = own('[data-testid="repostedBy"] a[href^="/profile/"]')[0];
  const quotedHandle = quote
    ? POST_PATH.exec(quote.querySelector('a[href*="/post/"]')?.getAttribute('href') ?? '')?.[1]
    : undefined;
  const post: PostFields = {
    platform: 'bluesky',
    id: match?.[2],
    url,
    text: textOf(own('[data-testid="postText"]')[0]),
    postedAtRaw: textOf(permalink, 200),
    author: author(item, handle ?? match?.[1], base, quote),
    media: mediaOf(
      own('img[src*="/img/feed_thumbnail/"], img[src*="/img/feed_fullsize/"], video'),
      base,
    ),
    quoted: quote ? fieldsOf(quote, base, quotedHandle, true) : undefined,
    repostedBy: reposter
      ? {
          handle: reposter.getAttribute('href')?.slice('/profile/'.length, 260),
          url: safeUrl(reposter.getAttribute('href'), base),
        }
      : undefined,
  };
  return post;
}

function all(doc: Document, url: string): FoundPost[] {
  return Array.from(doc.querySelectorAll(ITEMS))
    .slice(0, 200)
    .map((element) => ({ element, post: fieldsOf(element, url, handleOf(element), false) }));
}

/** Bluesky: the focused post of a `/profile/<handle>/post/<rkey>` page. */
export const blueskyExtractor: PlatformExtractor = {
  platform: 'bluesky',
  matches: (url) => isHost(url.hostname, 'bsky.app'),
  extractAll: all,
  extract(doc, url) {
    const match = POST_PATH.exec(new URL(url).pathname);
    if (!match) return undefined;
    const [, handle, rkey] = match;
    const items = all(doc, url).filter((p) =>
      p.element.getAttribute('data-testid')?.startsWith('postThreadItem-by-'),
    );
    // The focused post is the one item without a link to itself; it shows the full date.
    const index = items.findIndex((p) => p.post.id === undefined && handleOf(p.element) === handle);
    const focused = items[index];
    if (!focused) return undefined;
    // The server's head tags describe the post first loaded; use them only for this very post.
    const atUri = attr(doc.querySelector('link[rel="alternate"][href^="at://"]'), 'href', 600);
    const sameRecord = atUri?.endsWith(`/app.bsky.feed.post/${rkey}`) === true;
    const did = sameRecord ? /^at:\/\/(did:[^/]+)\//.exec(atUri ?? '')?.[1] : undefined;
    return {
      ...focused.post,
      id: rkey,
      url: safeUrl(`/profile/${handle}/post/${rkey}`, url),
      postedAt: sameRecord
        ? isoFromString(
            attr(
              doc.querySelector(
                'meta[name="article:published_time"], meta[property="article:published_time"]',
              ),
              'content',
            ),
          )
        : undefined,
      author: { ...focused.post.author, id: focused.post.author?.id ?? did },
      inReplyTo: index > 0 ? items[index - 1]?.post.url : undefined,
    };
  },
};
