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
    url: 'https://www.instagram.com/p/C4abcDEFghi/',
    expected: {
      post: {
        platform: 'instagram',
        id: '3312345678901234567',
        url: 'https://www.instagram.com/p/C4abcDEFghi/',
        text: 'Do you know this woman? Send us her workplace.',
        postedAt: '2024-03-02T10:20:30.000Z',
        postedAtRaw: 'March 2, 2024',
        author: {
          handle: 'nationalist.voice',
          displayName: 'National Voice',
          id: '51234567890',
          url: 'https://www.instagram.com/nationalist.voice/',
        },
        media: [
          {
            url: 'https://scontent.cdninstagram.com/v/t51.29350-15/invented_1080.jpg',
            type: 'image',
          },
        ],
      },
      notes: [],
    },
    all: [{ platform: 'instagram', text: 'Do you know this woman? Send us her workplace.' }],
  },
  {
    file: 'comment-reply.html',
    url: 'https://www.instagram.com/p/C4abcDEFghi/c/18012345678901234/',
    expected: {
      post: {
        platform: 'instagram',
        id: '18012345678901234',
        url: 'https://www.instagram.com/p/C4abcDEFghi/c/18012345678901234/',
        text: '@nadia.k.rights we will find you',
        postedAt: '2024-03-02T11:20:30.000Z',
        inReplyTo: 'https://www.instagram.com/p/C4abcDEFghi/',
        author: {
          handle: 'anon.account.223',
          id: '61234567890',
          url: 'https://www.instagram.com/anon.account.223/',
        },
      },
      notes: [],
    },
    all: [{ platform: 'instagram', text: 'Do you know this woman? Send us her workplace.' }],
  },
  {
    file: 'post-carousel-media.html',
    url: 'https://www.instagram.com/p/C4abcDEFgh2/',
    expected: {
      post: {
        platform: 'instagram',
        id: '3312345678901234568',
        url: 'https://www.instagram.com/p/C4abcDEFgh2/',
        text: 'more photos of her',
        postedAt: '2024-03-02T10:20:30.000Z',
        postedAtRaw: 'March 2, 2024',
        author: {
          handle: 'nationalist.voice',
          displayName: 'National Voice',
          id: '51234567890',
          url: 'https://www.instagram.com/nationalist.voice/',
        },
        media: [
          { url: 'https://scontent.cdninstagram.com/v/invented_c1.jpg', type: 'image' },
          {
            url: 'https://scontent.cdninstagram.com/o1/v/invented_c2.mp4',
            type: 'video',
            poster: 'https://scontent.cdninstagram.com/v/invented_c2_cover.jpg',
          },
        ],
      },
      notes: [],
    },
    all: [{ platform: 'instagram', text: 'more photos of her' }],
  },
  {
    file: 'reel-og-only.html',
    url: 'https://www.instagram.com/reel/C4reelXYZ12/',
    expected: {
      post: {
        platform: 'instagram',
        url: 'https://www.instagram.com/reel/C4reelXYZ12/',
        postedAt: '2024-03-04T18:00:00.000Z',
        postedAtRaw: '2d',
        author: { id: '51234567890' },
        media: [
          { url: 'https://scontent.cdninstagram.com/v/invented_reel_cover.jpg', type: 'image' },
        ],
      },
      notes: [],
    },
    all: [{ platform: 'instagram' }],
  },
];

describe('instagram extractor', () => {
  for (const c of CASES) {
    it(`reads the page's post from ${c.file}`, () => {
      expect(extractPost(loadFixture('instagram', c.file), c.url)).toStrictEqual(c.expected);
    });
    it(`lists every post element of ${c.file}`, () => {
      const found = extractAllPosts(loadFixture('instagram', c.file), c.url);
      expect(found.map((p) => p.post)).toStrictEqual(c.all);
    });
  }
});
