// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Chooses the extractor for a page (by host, Mastodon by its markers, else generic) and runs it.
 * Whatever an extractor returns passes through `finalizePost`, so the output is inert and bounded
 * even if an extractor or the page misbehaves.
 */
import type { PostFields } from '../model/item';
import { blueskyExtractor } from './bluesky';
import { facebookExtractor } from './facebook';
import { genericExtractor } from './generic';
import { instagramExtractor } from './instagram';
import { mastodonExtractor } from './mastodon';
import { finalizePost } from './post-shape';
import { LIMITS } from './read-dom';
import { redditExtractor } from './reddit';
import { telegramExtractor } from './telegram';
import { tiktokExtractor } from './tiktok';
import { NOTE_NO_POST, type FoundPost, type PlatformExtractor } from './types';
import { xExtractor } from './x';
import { youtubeExtractor } from './youtube';

const BY_HOST: PlatformExtractor[] = [
  xExtractor,
  facebookExtractor,
  instagramExtractor,
  tiktokExtractor,
  youtubeExtractor,
  redditExtractor,
  blueskyExtractor,
  telegramExtractor,
];

/** The extractor that reads `doc` loaded from `url`. */
export function selectExtractor(doc: Document, url: string): PlatformExtractor {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return genericExtractor;
  }
  return (
    BY_HOST.find((e) => e.matches(parsed, doc)) ??
    (mastodonExtractor.matches(parsed, doc) ? mastodonExtractor : genericExtractor)
  );
}

/** The page's post (absent when not recognised) and the notes a reader of the item must see. */
export function extractPost(doc: Document, url: string): { post?: PostFields; notes: string[] } {
  let found: PostFields | undefined;
  try {
    found = selectExtractor(doc, url).extract(doc, url);
  } catch {
    // A page built to break an extractor must not break the capture: it only loses its fields.
    found = undefined;
  }
  const post = found ? finalizePost(found, url) : undefined;
  if (!post || Object.keys(post).length <= 1) return { notes: [NOTE_NO_POST] };
  const notes: string[] = [];
  if (post.text !== undefined && post.text.length >= LIMITS.text) {
    notes.push(`post text cut at ${LIMITS.text} characters`);
  }
  return { post, notes };
}

/** Every post element of the page with its fields (for thread, profile and element capture). */
export function extractAllPosts(doc: Document, url: string): FoundPost[] {
  try {
    return selectExtractor(doc, url)
      .extractAll(doc, url)
      .slice(0, LIMITS.posts)
      .map(({ element, post }) => ({ element, post: finalizePost(post, url) }));
  } catch {
    return [];
  }
}

export { NOTE_NO_POST };
export type { FoundPost };
