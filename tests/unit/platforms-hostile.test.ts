// SPDX-License-Identifier: AGPL-3.0-or-later
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPageData } from '../../lib/capture/page-data';
import { isPostFields } from '../../lib/platforms/post-shape';
import { LIMITS } from '../../lib/platforms/read-dom';
import {
  extractAllPosts,
  extractPost,
  selectExtractor,
} from '../../lib/platforms/select-extractor';
import { parseHtml } from './support/platform-fixture';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'platforms');

function read(platform: string, file: string): string {
  return readFileSync(join(FIXTURES, platform, file), 'utf8');
}

describe('platform selection', () => {
  const blank = parseHtml('<!DOCTYPE html><html><body></body></html>');
  const cases: Array<[string, string]> = [
    ['https://x.com/a/status/1', 'x'],
    ['https://mobile.twitter.com/a/status/1', 'x'],
    ['https://m.facebook.com/a/posts/1', 'facebook'],
    ['https://www.instagram.com/p/abc/', 'instagram'],
    ['https://www.tiktok.com/@a/video/1', 'tiktok'],
    ['https://youtu.be/Ab3dEf6hI9k', 'youtube'],
    ['https://m.youtube.com/watch?v=Ab3dEf6hI9k', 'youtube'],
    ['https://old.reddit.com/r/a/comments/b/', 'reddit'],
    ['https://bsky.app/profile/a/post/b', 'bluesky'],
    ['https://web.telegram.org/a/', 'telegram'],
    ['https://x.com.evil.example/a/status/1', 'generic'],
    ['not a url', 'generic'],
  ];
  for (const [url, platform] of cases) {
    it(`reads ${url} as ${platform}`, () => {
      expect(selectExtractor(blank, url).platform).toBe(platform);
    });
  }

  it('recognises Mastodon by its markers on any host, not by the host', () => {
    const doc = parseHtml(read('mastodon', 'status-plain.html'));
    expect(selectExtractor(doc, 'https://any.instance.example/@a/1').platform).toBe('mastodon');
    expect(selectExtractor(blank, 'https://mastodon.social/@a/1').platform).toBe('generic');
  });
});

describe('changed markup', () => {
  const renamed: Array<[string, string, string, Array<[RegExp, string]>]> = [
    [
      'x',
      'status-plain.html',
      'https://x.com/darko_v_1988/status/1764000000000000001',
      [[/data-testid="tweet"/g, 'data-testid="post"']],
    ],
    [
      'mastodon',
      'status-plain.html',
      'https://social.example.org/@lukas_b/112000000000000001',
      [[/detailed-status/g, 'focused-note']],
    ],
    [
      'bluesky',
      'post-plain.html',
      'https://bsky.app/profile/raven-nights.bsky.social/post/3kmbqxuy2ab2c',
      [[/postThreadItem-by-/g, 'threadPost-']],
    ],
    [
      'reddit',
      'post-plain.html',
      'https://www.reddit.com/r/exampletown/comments/1b4abcd/slug/',
      [[/shreddit-post/g, 'reddit-post']],
    ],
    [
      'telegram',
      'message-plain.html',
      'https://web.telegram.org/k/#-1001234567890',
      [[/data-mid=/g, 'data-msg=']],
    ],
    [
      'youtube',
      'watch-video.html',
      'https://www.youtube.com/watch?v=Ab3dEf6hI9k',
      [
        [/ytInitialPlayerResponse/g, 'ytPlayerData'],
        [/ytd-watch-metadata/g, 'yt-watch-info'],
      ],
    ],
    [
      'tiktok',
      'video-plain.html',
      'https://www.tiktok.com/@exposer.daily/video/7341111111111111111',
      [[/__UNIVERSAL_DATA_FOR_REHYDRATION__/g, '__APP_DATA__']],
    ],
    [
      'facebook',
      'post-plain.html',
      'https://www.facebook.com/marko.petrovic.invented/posts/1234567890123456',
      [[/"post_id"/g, '"story_key"']],
    ],
    [
      'instagram',
      'post-plain.html',
      'https://www.instagram.com/p/C4abcDEFghi/',
      [
        [/"taken_at"/g, '"created"'],
        [/og:url/g, 'og:link'],
      ],
    ],
  ];
  for (const [platform, file, url, edits] of renamed) {
    it(`${platform}: says "post fields not detected" and invents nothing`, () => {
      let html = read(platform, file);
      for (const [from, to] of edits) html = html.replace(from, to);
      expect(extractPost(parseHtml(html), url)).toStrictEqual({
        notes: ['post fields not detected'],
      });
    });
  }

  it('a status page whose focused post is missing yields no post, not a neighbour', () => {
    const doc = parseHtml(read('x', 'status-reply.html'));
    expect(extractPost(doc, 'https://x.com/troll_4821/status/1999999999999999999')).toStrictEqual({
      notes: ['post fields not detected'],
    });
  });
});

describe('hostile pages', () => {
  const huge = 'A'.repeat(3_000_000);
  const page = `<!DOCTYPE html><html><head>
<script type="application/ld+json">{"@type":"SocialMediaPosting","text":"<img src=x onerror=alert(1)>","url":"javascript:alert(1)","author":{"name":"\\u003cscript>alert(2)\\u003c/script>","url":"data:text/html,<b>x</b>"},"image":["blob:https://evil/1","https://ok.example/a.png"]}</script>
</head><body>
<div aria-label="Timeline: Conversation"><article data-testid="tweet"><div data-testid="User-Name"><a href="javascript:alert(3)"><span>&lt;b&gt;Evil&lt;/b&gt;\u202Egnp.exe</span></a><span>@evil_1</span><a href="/evil_1/status/42"><time datetime="not-a-date">yesterday</time></a></div>
<div data-testid="tweetText"><span>&lt;script&gt;alert(4)&lt;/script&gt;</span><script>alert(5)</script>${huge}</div>
<div data-testid="tweetPhoto"><img src="javascript:alert(6)"><img src="data:image/png;base64,AAAA"></div></article></div>
</body></html>`;

  it('yields inert, capped strings from an X page full of tricks', () => {
    const { post, notes } = extractPost(parseHtml(page), 'https://x.com/evil_1/status/42');
    expect(post?.text?.length).toBe(LIMITS.text);
    expect(post?.text?.startsWith('<script>alert(4)</script>AAAA')).toBe(true);
    expect(post?.text).not.toContain('alert(5)');
    expect(post?.postedAt).toBeUndefined();
    expect(post?.postedAtRaw).toBe('yesterday');
    expect(post?.author).toStrictEqual({
      handle: 'evil_1',
      displayName: '<b>Evil</b>gnp.exe',
      url: 'https://x.com/evil_1',
    });
    expect(post?.media).toBeUndefined();
    expect(notes).toStrictEqual([`post text cut at ${LIMITS.text} characters`]);
    expect(isPostFields(post)).toBe(true);
    expect(JSON.stringify(post).length).toBeLessThan(30_000);
  });

  it('drops script URLs and keeps JSON-LD strings as plain text', () => {
    const { post } = extractPost(parseHtml(page), 'https://blog.example.org/p/1');
    expect(post).toStrictEqual({
      platform: 'generic',
      text: '<img src=x onerror=alert(1)>',
      author: { displayName: '<script>alert(2)</script>' },
      media: [{ url: 'https://ok.example/a.png', type: 'image' }],
    });
  });

  it('ignores fake or oversized embedded JSON', () => {
    const fake = `<html><body><script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">{"__DEFAULT_SCOPE__":{"webapp.video-detail":{"itemInfo":{"itemStruct":{"id":"999","desc":"not this video"}}}}}</script>
<script type="application/json" data-sjs>{"a":${'['.repeat(5000)}${']'.repeat(5000)}}</script></body></html>`;
    const doc = parseHtml(fake);
    expect(extractPost(doc, 'https://www.tiktok.com/@a/video/12345')).toStrictEqual({
      notes: ['post fields not detected'],
    });
    expect(extractPost(doc, 'https://www.facebook.com/a/posts/12345')).toStrictEqual({
      notes: ['post fields not detected'],
    });
  });

  it('bounds the work on a page with very many posts', () => {
    const article = '<article data-testid="tweet"><div data-testid="tweetText">x</div></article>';
    const doc = parseHtml(`<html><body>${article.repeat(20_000)}</body></html>`);
    const started = Date.now();
    expect(extractAllPosts(doc, 'https://x.com/home')).toHaveLength(LIMITS.posts);
    expect(extractPost(doc, 'https://x.com/a/status/1')).toStrictEqual({
      notes: ['post fields not detected'],
    });
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('page data from the page is checked strictly', () => {
  const base = {
    url: 'https://x.com/a/status/1',
    title: 't',
    viewport: { width: 1, height: 1 },
    devicePixelRatio: 1,
    timezone: 'UTC',
    userAgent: 'u',
    capturedAt: '2026-01-01T00:00:00.000Z',
    html: '<html></html>',
    notes: [],
  };
  it('accepts a well-formed post block', () => {
    expect(
      isPageData({
        ...base,
        post: { platform: 'x', id: '1', media: [{ url: 'https://a/b', type: 'image' }] },
      }),
    ).toBe(true);
  });
  it('refuses unknown keys, non-strings, oversized strings and missing notes', () => {
    expect(isPageData({ ...base, post: { platform: 'x', evil: 'y' } })).toBe(false);
    expect(isPageData({ ...base, post: { platform: 'x', id: 1 } })).toBe(false);
    expect(
      isPageData({ ...base, post: { platform: 'x', text: 'a'.repeat(LIMITS.text + 1) } }),
    ).toBe(false);
    expect(isPageData({ ...base, post: { platform: 'x', author: { handle: {} } } })).toBe(false);
    expect(
      isPageData({
        ...base,
        post: { platform: 'x', media: [{ url: 'https://a', type: 'audio' }] },
      }),
    ).toBe(false);
    expect(
      isPageData({
        ...base,
        post: { platform: 'x', quoted: { platform: 'x', quoted: { platform: 'x' } } },
      }),
    ).toBe(false);
    expect(isPageData({ ...base, notes: [42] })).toBe(false);
    expect(isPageData({ ...base, notes: undefined })).toBe(false);
  });
});
