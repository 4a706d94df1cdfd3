// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * X (Twitter) web app. Relies on the data-testid attributes archivers use: `article[data-testid=
 * "tweet"]`, `User-Name`, `tweetText`, `tweetPhoto`, `socialContext`, and `time[datetime]`
 * inside the status link.
 */
import type { PostAuthor, PostFields } from '../model/item';
import { clean, isoFromString, mediaOf, safeUrl, textOf } from './read-dom';
import { isHost, outside, type FoundPost, type PlatformExtractor } from './types';

const ARTICLE = 'article[data-testid="tweet"]';
const STATUS = /^\/([A-Za-z0-9_]{1,15})\/status\/(\d{1,25})(?:\/|$)/;

function quoteBox(article: Element): Element | undefined {
  return Array.from(article.querySelectorAll('div[role="link"]')).find(
    (box) => box.querySelector('[data-testid="User-Name"]') !== null,
  );
}

function author(box: Element | undefined, base: string): PostAuthor | undefined {
  if (!box) return undefined;
  const texts = Array.from(box.querySelectorAll('span')).map((s) => clean(s.textContent) ?? '');
  const handle = texts.find((t) => /^@[A-Za-z0-9_]{1,15}$/.test(t))?.slice(1);
  const nameLink = Array.from(box.querySelectorAll('a[href]')).find(
    (a) => !(a.textContent ?? '').trim().startsWith('@') && !a.querySelector('time'),
  );
  return {
    handle,
    displayName: textOf(nameLink ?? box.querySelector('span'), 200),
    url: handle ? safeUrl(`/${handle}`, base) : undefined,
  };
}

function fieldsOf(root: Element, base: string, nested: boolean): PostFields {
  const quote = nested ? undefined : quoteBox(root);
  const own = (selector: string) => outside(root, selector, quote);
  const time = own('time')[0];
  const link = time?.closest('a[href]');
  const href = link ? safeUrl(link.getAttribute('href'), base) : undefined;
  const match = href ? STATUS.exec(new URL(href).pathname) : null;
  const social = own('[data-testid="socialContext"]')[0];
  const reposter = social?.closest('a[href]');
  const reposterHandle = reposter?.getAttribute('href')?.replace(/^\//, '');
  return {
    platform: 'x',
    id: match?.[2],
    url: match ? href : undefined,
    text: textOf(own('[data-testid="tweetText"]')[0]),
    postedAt: isoFromString(time?.getAttribute('datetime')),
    postedAtRaw: textOf(time, 200),
    author: author(own('[data-testid="User-Name"]')[0], base),
    media: mediaOf(own('[data-testid="tweetPhoto"] img, [data-testid="videoPlayer"] video'), base),
    quoted: quote ? fieldsOf(quote, base, true) : undefined,
    repostedBy:
      reposterHandle && /^[A-Za-z0-9_]{1,15}$/.test(reposterHandle)
        ? { handle: reposterHandle, url: safeUrl(`/${reposterHandle}`, base) }
        : undefined,
  };
}

function all(doc: Document, url: string): FoundPost[] {
  return Array.from(doc.querySelectorAll(ARTICLE))
    .slice(0, 200)
    .map((element) => ({ element, post: fieldsOf(element, url, false) }));
}

/** X / Twitter: the focused post of a `/<handle>/status/<id>` page. */
export const xExtractor: PlatformExtractor = {
  platform: 'x',
  matches: (url) => isHost(url.hostname, 'x.com', 'twitter.com'),
  extractAll: all,
  extract(doc, url) {
    const wanted = STATUS.exec(new URL(url).pathname)?.[2];
    if (!wanted) return undefined;
    const posts = all(doc, url);
    const index = posts.findIndex((p) => p.post.id === wanted);
    const focused = posts[index];
    if (!focused) return undefined;
    // On a status page X lists the ancestors of the focused post above it, parent last.
    const parent = index > 0 ? posts[index - 1]?.post.url : undefined;
    return {
      ...focused.post,
      inReplyTo: parent,
    };
  },
};
