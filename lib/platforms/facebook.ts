// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Facebook. The visible markup is obfuscated; the post travels in the JSON of
 * `script[type="application/json"][data-sjs]` (Story objects: `post_id`, `creation_time`,
 * `message.text`, `actors`, `attachments`, `attached_story`; Comment objects: `legacy_fbid`,
 * `body.text`, `author`, `created_time`). Without that JSON, the `og:` tags of a post page.
 */
import type { PostFields, PostMedia } from '../model/item';
import { isoFromSeconds, meta, safeUrl, textOf } from './read-dom';
import { at, findObjects, jsonScripts, str } from './read-json';
import { isHost, type FoundPost, type PlatformExtractor } from './types';

type Json = Record<string, unknown>;

function postIdOf(url: URL): string | undefined {
  return (
    url.searchParams.get('story_fbid') ??
    url.searchParams.get('fbid') ??
    /\/(?:posts|permalink|videos|reel)\/(pfbid[A-Za-z0-9]{10,80}|\d{5,25})\/?$/.exec(
      url.pathname,
    )?.[1] ??
    undefined
  );
}

function first(root: unknown, test: (o: Json) => boolean): Json | undefined {
  return findObjects(root, test, 20_000)[0];
}

function mediaOfStory(story: Json, base: string): PostMedia[] {
  const out: PostMedia[] = [];
  for (const attachment of findObjects(
    at(story, 'attachments'),
    (o) => 'photo_image' in o || 'playable_url' in o,
    5_000,
  )) {
    const image = safeUrl(str(attachment, 'photo_image', 'uri'), base);
    const video = safeUrl(str(attachment, 'playable_url'), base);
    if (video) out.push({ url: video, type: 'video', poster: image });
    else if (image) out.push({ url: image, type: 'image' });
  }
  return out;
}

function storyFields(story: Json, base: string, nested: boolean): PostFields {
  const actor = at(story, 'actors', 0);
  const time = first(story, (o) => typeof o.creation_time === 'number');
  const attached = nested ? undefined : at(story, 'attached_story');
  return {
    platform: 'facebook',
    id: str(story, 'post_id'),
    url: safeUrl(str(story, 'url') ?? str(story, 'wwwURL'), base),
    text: str(
      first(story, (o) => typeof at(o, 'message', 'text') === 'string'),
      'message',
      'text',
    ),
    postedAt: isoFromSeconds(time?.creation_time),
    author: actor
      ? {
          displayName: str(actor, 'name'),
          id: str(actor, 'id'),
          url: safeUrl(str(actor, 'url'), base),
        }
      : undefined,
    media: mediaOfStory(story, base),
    quoted:
      attached && typeof attached === 'object'
        ? storyFields(attached as Json, base, true)
        : undefined,
  };
}

function fromJson(doc: Document, url: string): PostFields | undefined {
  const page = new URL(url);
  const scripts = jsonScripts(doc, 'script[type="application/json"][data-sjs]');
  const commentId = page.searchParams.get('comment_id');
  const postId = postIdOf(page);
  const stories = scripts.flatMap((json) =>
    findObjects(json, (o) => typeof o.post_id === 'string' && 'actors' in o),
  );
  const story = stories.find(
    (s) => s.post_id === postId || (postId !== undefined && str(s, 'url')?.includes(postId)),
  );
  if (!commentId) return story ? storyFields(story, url, false) : undefined;
  const comment = scripts
    .flatMap((json) =>
      findObjects(json, (o) => o.__typename === 'Comment' && o.legacy_fbid === commentId),
    )
    .at(0);
  if (!comment) return undefined;
  return {
    platform: 'facebook',
    id: commentId,
    url: safeUrl(str(comment, 'url'), url),
    text: str(comment, 'body', 'text'),
    postedAt: isoFromSeconds(at(comment, 'created_time')),
    author: {
      displayName: str(comment, 'author', 'name'),
      id: str(comment, 'author', 'id'),
      url: safeUrl(str(comment, 'author', 'url'), url),
    },
    inReplyTo: story ? safeUrl(str(story, 'url'), url) : undefined,
  };
}

function fromOpenGraph(doc: Document, url: string): PostFields | undefined {
  const ogUrl = safeUrl(meta(doc, 'og:url', 2048), url);
  const id = ogUrl ? postIdOf(new URL(ogUrl)) : undefined;
  if (!ogUrl || !id) return undefined;
  const image = safeUrl(meta(doc, 'og:image', 2048), url);
  return {
    platform: 'facebook',
    id,
    url: ogUrl,
    text: meta(doc, 'og:description', 20_000),
    media: image ? [{ url: image, type: 'image' }] : [],
  };
}

function all(doc: Document, _url: string): FoundPost[] {
  return Array.from(doc.querySelectorAll('div[role="article"]'))
    .slice(0, 200)
    .map((element) => ({
      element,
      post: {
        platform: 'facebook',
        text: textOf(
          element.querySelector(
            '[data-ad-rendering-role="story_message"], [data-ad-preview="message"]',
          ),
        ),
      },
    }));
}

/** Facebook: the post (or `comment_id` comment) of a post page. */
export const facebookExtractor: PlatformExtractor = {
  platform: 'facebook',
  matches: (url) => isHost(url.hostname, 'facebook.com', 'fb.com'),
  extractAll: all,
  extract: (doc, url) => fromJson(doc, url) ?? fromOpenGraph(doc, url),
};
