// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Telegram Web, version K (`.bubble[data-mid][data-timestamp]`, `.peer-title[data-peer-id]`,
 * `.translatable-message`) and version A (`.Message[data-message-id]`, `.text-content`).
 * A chat has no permalink page: the page's post is the highlighted message, or the only one.
 */
import type { PostFields } from '../model/item';
import { attr, isoFromSeconds, mediaOf, textOf } from './read-dom';
import { isHost, type FoundPost, type PlatformExtractor } from './types';

const MESSAGES = '.bubble[data-mid], .message[data-mid], .Message[data-message-id]';

function fieldsOf(el: Element, base: string): PostFields {
  const sender = el.querySelector('.name .peer-title[data-peer-id], .message-title .sender-title');
  const forward = el.querySelector('.name .i18n + .peer-title, .forward-title + .sender-title');
  const reply = el.querySelector('.reply .reply-title, .EmbeddedMessage .message-title');
  const forwarded = forward !== null && forward === sender;
  const author = {
    displayName: textOf(sender, 200),
    id: attr(sender, 'data-peer-id', 40),
  };
  return {
    platform: 'telegram',
    id: attr(el, 'data-mid', 40) ?? attr(el, 'data-message-id', 40),
    text: textOf(el.querySelector('.translatable-message, .text-content')),
    postedAt: isoFromSeconds(el.getAttribute('data-timestamp')),
    postedAtRaw: textOf(el.querySelector('.time .i18n, .message-time'), 100),
    // A forward shows the original sender in its header; who forwarded it is the chat itself.
    author: forwarded ? undefined : author,
    quoted: forwarded ? { platform: 'telegram', author } : undefined,
    inReplyTo: textOf(reply, 200),
    media: mediaOf(
      Array.from(
        el.querySelectorAll(
          '.attachment img.media-photo, .attachment video, .media-inner img, .media-inner video',
        ),
      ).slice(0, 20),
      base,
    ),
  };
}

function all(doc: Document, url: string): FoundPost[] {
  return Array.from(doc.querySelectorAll(MESSAGES))
    .filter((el) => !el.classList.contains('service'))
    .slice(-200)
    .map((element) => ({ element, post: fieldsOf(element, url) }));
}

/** Telegram Web: the highlighted (or only) message of the open chat. */
export const telegramExtractor: PlatformExtractor = {
  platform: 'telegram',
  matches: (url) => isHost(url.hostname, 'web.telegram.org'),
  extractAll: all,
  extract(doc, url) {
    const posts = all(doc, url);
    const focused =
      posts.find((p) => /\bis-(highlighted|selected)\b/.test(p.element.className)) ??
      (posts.length === 1 ? posts[0] : undefined);
    return focused?.post;
  },
};
