// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import type { PostFields } from '../../lib/model/item';
import { extractAllPosts, extractPost } from '../../lib/platforms/select-extractor';
import { loadFixture } from './support/platform-fixture';

const POST_PLAIN: PostFields = {
  platform: 'reddit',
  id: 't3_1b4abcd',
  url: 'https://www.reddit.com/r/exampletown/comments/1b4abcd/slug/',
  title: 'Who is funding this so-called activist?',
  text: 'Her address is public record if you look. Just saying.',
  postedAt: '2024-03-02T10:20:30.123Z',
  postedAtRaw: '1 yr. ago',
  author: {
    handle: 'throwaway_9921',
    id: 't2_8xyzab12',
    url: 'https://www.reddit.com/user/throwaway_9921/',
  },
};

const POST_CROSSPOST: PostFields = {
  platform: 'reddit',
  id: 't3_1b4abcf',
  url: 'https://www.reddit.com/r/exampletown/comments/1b4abcf/slug/',
  title: 'x-post: look at this',
  postedAt: '2024-03-04T09:30:00.000Z',
  postedAtRaw: '1 yr. ago',
  author: {
    handle: 'second_acct_77',
    id: 't2_9qwerty34',
    url: 'https://www.reddit.com/user/second_acct_77/',
  },
  quoted: {
    platform: 'reddit',
    id: 't3_1b4abcd',
    url: 'https://www.reddit.com/r/exampletown/comments/1b4abcd/slug/',
    title: 'Who is funding this so-called activist?',
    text: 'Her address is public record if you look. Just saying.',
    postedAt: '2024-03-02T10:20:30.123Z',
    postedAtRaw: '1 yr. ago',
    author: {
      handle: 'throwaway_9921',
      id: 't2_8xyzab12',
      url: 'https://www.reddit.com/user/throwaway_9921/',
    },
  },
};

const POST_MEDIA: PostFields = {
  platform: 'reddit',
  id: 't3_1b4abce',
  url: 'https://www.reddit.com/r/exampletown/comments/1b4abce/slug/',
  title: 'Spotted her today',
  postedAt: '2024-03-03T08:00:00.000Z',
  postedAtRaw: '1 yr. ago',
  author: {
    handle: 'throwaway_9921',
    id: 't2_8xyzab12',
    url: 'https://www.reddit.com/user/throwaway_9921/',
  },
  media: [
    { url: 'https://i.redd.it/abcdefgh1234.jpeg', type: 'image' },
    {
      url: 'https://v.redd.it/abcdefgh5678/HLSPlaylist.m3u8',
      type: 'video',
      poster: 'https://external-preview.redd.it/abcdefgh5678.png',
    },
  ],
};

const OLD_POST: PostFields = {
  platform: 'reddit',
  id: 't3_1b4abcd',
  url: 'https://old.reddit.com/r/exampletown/comments/1b4abcd/slug/',
  title: 'Who is funding this so-called activist?',
  text: 'Her address is public record if you look. Just saying.',
  postedAt: '2024-03-02T10:20:30.000Z',
  postedAtRaw: '1 year ago',
  author: {
    handle: 'throwaway_9921',
    id: 't2_8xyzab12',
    url: 'https://old.reddit.com/user/throwaway_9921/',
  },
};

// Every field of every fixture, exactly: a field appearing or changing is a failure.
const CASES: Array<{
  file: string;
  url: string;
  expected: { post?: PostFields; notes: string[] };
  all: PostFields[];
}> = [
  {
    file: 'post-plain.html',
    url: 'https://www.reddit.com/r/exampletown/comments/1b4abcd/slug/',
    expected: {
      post: POST_PLAIN,
      notes: [],
    },
    all: [POST_PLAIN],
  },
  {
    file: 'comment-reply.html',
    url: 'https://www.reddit.com/r/exampletown/comments/1b4abcd/comment/kt1bbbb/',
    expected: {
      post: {
        platform: 'reddit',
        id: 't1_kt1bbbb',
        url: 'https://www.reddit.com/r/exampletown/comments/1b4abcd/comment/kt1bbbb/',
        text: 'mind your own business or you are next',
        postedAt: '2024-03-02T11:05:00.000Z',
        postedAtRaw: '1 yr. ago',
        inReplyTo: 'https://www.reddit.com/r/exampletown/comments/1b4abcd/comment/kt1aaaa/',
        author: { handle: 'throwaway_9921', url: 'https://www.reddit.com/user/throwaway_9921/' },
      },
      notes: [],
    },
    all: [
      {
        platform: 'reddit',
        id: 't3_1b4abcd',
        url: 'https://www.reddit.com/r/exampletown/comments/1b4abcd/slug/',
        title: 'Who is funding this so-called activist?',
        text: 'Her address is public record if you look. Just saying.',
        postedAt: '2024-03-02T10:20:30.123Z',
        postedAtRaw: '1 yr. ago',
        author: {
          handle: 'throwaway_9921',
          id: 't2_8xyzab12',
          url: 'https://www.reddit.com/user/throwaway_9921/',
        },
      },
      {
        platform: 'reddit',
        id: 't1_kt1aaaa',
        url: 'https://www.reddit.com/r/exampletown/comments/1b4abcd/comment/kt1aaaa/',
        text: 'This is harassment, stop.',
        postedAt: '2024-03-02T11:00:00.000Z',
        postedAtRaw: '1 yr. ago',
        author: { handle: 'concerned_dad', url: 'https://www.reddit.com/user/concerned_dad/' },
      },
      {
        platform: 'reddit',
        id: 't1_kt1bbbb',
        url: 'https://www.reddit.com/r/exampletown/comments/1b4abcd/comment/kt1bbbb/',
        text: 'mind your own business or you are next',
        postedAt: '2024-03-02T11:05:00.000Z',
        postedAtRaw: '1 yr. ago',
        author: { handle: 'throwaway_9921', url: 'https://www.reddit.com/user/throwaway_9921/' },
      },
    ],
  },
  {
    file: 'post-crosspost.html',
    url: 'https://www.reddit.com/r/exampletown/comments/1b4abcf/slug/',
    expected: {
      post: POST_CROSSPOST,
      notes: [],
    },
    all: [POST_CROSSPOST],
  },
  {
    file: 'post-media.html',
    url: 'https://www.reddit.com/r/exampletown/comments/1b4abce/slug/',
    expected: {
      post: POST_MEDIA,
      notes: [],
    },
    all: [POST_MEDIA],
  },
  {
    file: 'old-post.html',
    url: 'https://old.reddit.com/r/exampletown/comments/1b4abcd/slug/',
    expected: {
      post: OLD_POST,
      notes: [],
    },
    all: [OLD_POST],
  },
];

describe('reddit extractor', () => {
  for (const c of CASES) {
    it(`reads the page's post from ${c.file}`, () => {
      expect(extractPost(loadFixture('reddit', c.file), c.url)).toStrictEqual(c.expected);
    });
    it(`lists every post element of ${c.file}`, () => {
      const found = extractAllPosts(loadFixture('reddit', c.file), c.url);
      expect(found.map((p) => p.post)).toStrictEqual(c.all);
    });
  }
});
