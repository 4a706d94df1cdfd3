// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import type { PostFields } from '../../lib/model/item';
import { extractAllPosts, extractPost } from '../../lib/platforms/select-extractor';
import { loadFixture } from './support/platform-fixture';

// Every field of every fixture, exactly: a field appearing or changing is a failure.
const CASES: Array<{
  file: string;
  url: string;
  expected: { post?: PostFields; notes: string[] };
  all: PostFields[];
}> = [
  {
    file: 'post-plain.html',
    url: 'https://bsky.app/profile/raven-nights.bsky.social/post/3kmbqxuy2ab2c',
    expected: {
      post: {
        platform: 'bluesky',
        id: '3kmbqxuy2ab2c',
        url: 'https://bsky.app/profile/raven-nights.bsky.social/post/3kmbqxuy2ab2c',
        text: 'she should be scared. she will be.',
        postedAt: '2024-03-02T10:20:30.123Z',
        author: {
          handle: 'raven-nights.bsky.social',
          displayName: 'Raven Nights',
          id: 'did:plc:abcdefghijklmnopqrstuvwx',
          url: 'https://bsky.app/profile/raven-nights.bsky.social',
        },
      },
      notes: [],
    },
    all: [
      {
        platform: 'bluesky',
        text: 'she should be scared. she will be.',
        author: {
          handle: 'raven-nights.bsky.social',
          displayName: 'Raven Nights',
          id: 'did:plc:abcdefghijklmnopqrstuvwx',
          url: 'https://bsky.app/profile/raven-nights.bsky.social',
        },
      },
    ],
  },
  {
    file: 'post-reply.html',
    url: 'https://bsky.app/profile/raven-nights.bsky.social/post/3kmbqzzz2ab2x',
    expected: {
      post: {
        platform: 'bluesky',
        id: '3kmbqzzz2ab2x',
        url: 'https://bsky.app/profile/raven-nights.bsky.social/post/3kmbqzzz2ab2x',
        text: '@nadia-k.bsky.social nobody will read it. we read YOUR messages though',
        postedAt: '2024-03-02T12:00:00.000Z',
        inReplyTo: 'https://bsky.app/profile/nadia-k.bsky.social/post/3kmbqaaa2ab2a',
        author: {
          handle: 'raven-nights.bsky.social',
          displayName: 'Raven Nights',
          id: 'did:plc:abcdefghijklmnopqrstuvwx',
          url: 'https://bsky.app/profile/raven-nights.bsky.social',
        },
      },
      notes: [],
    },
    all: [
      {
        platform: 'bluesky',
        id: '3kmbqaaa2ab2a',
        url: 'https://bsky.app/profile/nadia-k.bsky.social/post/3kmbqaaa2ab2a',
        text: 'Today we publish our report on surveillance.',
        postedAtRaw: 'Mar 2',
        author: {
          handle: 'nadia-k.bsky.social',
          displayName: 'Nadia K.',
          id: 'did:plc:zyxwvutsrqponmlkjihgfedc',
          url: 'https://bsky.app/profile/nadia-k.bsky.social',
        },
      },
      {
        platform: 'bluesky',
        text: '@nadia-k.bsky.social nobody will read it. we read YOUR messages though',
        author: {
          handle: 'raven-nights.bsky.social',
          displayName: 'Raven Nights',
          id: 'did:plc:abcdefghijklmnopqrstuvwx',
          url: 'https://bsky.app/profile/raven-nights.bsky.social',
        },
      },
    ],
  },
  {
    file: 'post-quote.html',
    url: 'https://bsky.app/profile/raven-nights.bsky.social/post/3kmbqccc2ab2q',
    expected: {
      post: {
        platform: 'bluesky',
        id: '3kmbqccc2ab2q',
        url: 'https://bsky.app/profile/raven-nights.bsky.social/post/3kmbqccc2ab2q',
        text: 'lol. watch her',
        postedAt: '2024-03-02T13:00:00.000Z',
        author: {
          handle: 'raven-nights.bsky.social',
          displayName: 'Raven Nights',
          id: 'did:plc:abcdefghijklmnopqrstuvwx',
          url: 'https://bsky.app/profile/raven-nights.bsky.social',
        },
        quoted: {
          platform: 'bluesky',
          id: '3kmbqaaa2ab2a',
          url: 'https://bsky.app/profile/nadia-k.bsky.social/post/3kmbqaaa2ab2a',
          text: 'Today we publish our report on surveillance.',
          postedAtRaw: 'Mar 2',
          author: {
            handle: 'nadia-k.bsky.social',
            displayName: 'Nadia K.',
            url: 'https://bsky.app/profile/nadia-k.bsky.social',
          },
        },
      },
      notes: [],
    },
    all: [
      {
        platform: 'bluesky',
        text: 'lol. watch her',
        author: {
          handle: 'raven-nights.bsky.social',
          displayName: 'Raven Nights',
          id: 'did:plc:abcdefghijklmnopqrstuvwx',
          url: 'https://bsky.app/profile/raven-nights.bsky.social',
        },
        quoted: {
          platform: 'bluesky',
          id: '3kmbqaaa2ab2a',
          url: 'https://bsky.app/profile/nadia-k.bsky.social/post/3kmbqaaa2ab2a',
          text: 'Today we publish our report on surveillance.',
          postedAtRaw: 'Mar 2',
          author: {
            handle: 'nadia-k.bsky.social',
            displayName: 'Nadia K.',
            url: 'https://bsky.app/profile/nadia-k.bsky.social',
          },
        },
      },
    ],
  },
  {
    file: 'post-media.html',
    url: 'https://bsky.app/profile/raven-nights.bsky.social/post/3kmbqddd2ab2m',
    expected: {
      post: {
        platform: 'bluesky',
        id: '3kmbqddd2ab2m',
        url: 'https://bsky.app/profile/raven-nights.bsky.social/post/3kmbqddd2ab2m',
        text: 'her street. her bus stop.',
        postedAt: '2024-03-03T08:00:00.000Z',
        author: {
          handle: 'raven-nights.bsky.social',
          displayName: 'Raven Nights',
          id: 'did:plc:abcdefghijklmnopqrstuvwx',
          url: 'https://bsky.app/profile/raven-nights.bsky.social',
        },
        media: [
          {
            url: 'https://cdn.bsky.app/img/feed_thumbnail/plain/did:plc:abcdefghijklmnopqrstuvwx/bafkreiphoto1@jpeg',
            type: 'image',
          },
          {
            url: 'https://cdn.bsky.app/img/feed_thumbnail/plain/did:plc:abcdefghijklmnopqrstuvwx/bafkreiphoto2@jpeg',
            type: 'image',
          },
        ],
      },
      notes: [],
    },
    all: [
      {
        platform: 'bluesky',
        text: 'her street. her bus stop.',
        author: {
          handle: 'raven-nights.bsky.social',
          displayName: 'Raven Nights',
          id: 'did:plc:abcdefghijklmnopqrstuvwx',
          url: 'https://bsky.app/profile/raven-nights.bsky.social',
        },
        media: [
          {
            url: 'https://cdn.bsky.app/img/feed_thumbnail/plain/did:plc:abcdefghijklmnopqrstuvwx/bafkreiphoto1@jpeg',
            type: 'image',
          },
          {
            url: 'https://cdn.bsky.app/img/feed_thumbnail/plain/did:plc:abcdefghijklmnopqrstuvwx/bafkreiphoto2@jpeg',
            type: 'image',
          },
        ],
      },
    ],
  },
  {
    file: 'feed-repost.html',
    url: 'https://bsky.app/',
    expected: { notes: ['post fields not detected'] },
    all: [
      {
        platform: 'bluesky',
        id: '3kmbqxuy2ab2c',
        url: 'https://bsky.app/profile/raven-nights.bsky.social/post/3kmbqxuy2ab2c',
        text: 'she should be scared. she will be.',
        postedAtRaw: '2h',
        author: {
          handle: 'raven-nights.bsky.social',
          displayName: 'Raven Nights',
          id: 'did:plc:abcdefghijklmnopqrstuvwx',
          url: 'https://bsky.app/profile/raven-nights.bsky.social',
        },
        repostedBy: {
          handle: 'troll-two.bsky.social',
          url: 'https://bsky.app/profile/troll-two.bsky.social',
        },
      },
    ],
  },
];

describe('bluesky extractor', () => {
  for (const c of CASES) {
    it(`reads the page's post from ${c.file}`, () => {
      expect(extractPost(loadFixture('bluesky', c.file), c.url)).toStrictEqual(c.expected);
    });
    it(`lists every post element of ${c.file}`, () => {
      const found = extractAllPosts(loadFixture('bluesky', c.file), c.url);
      expect(found.map((p) => p.post)).toStrictEqual(c.all);
    });
  }
});
