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
    file: 'video-plain.html',
    url: 'https://www.tiktok.com/@exposer.daily/video/7341111111111111111',
    expected: {
      post: {
        platform: 'tiktok',
        id: '7341111111111111111',
        url: 'https://www.tiktok.com/@exposer.daily/video/7341111111111111111',
        text: 'who is she really? #exposed',
        postedAt: '2024-03-02T10:20:30.000Z',
        postedAtRaw: '3-2',
        author: {
          handle: 'exposer.daily',
          displayName: 'Exposer Daily',
          id: '7340000000000000001',
          url: 'https://www.tiktok.com/@exposer.daily',
        },
        media: [
          {
            url: 'https://v16-webapp.tiktok.com/video/tos/invented.mp4',
            type: 'video',
            poster: 'https://p16-sign.tiktokcdn.com/obj/invented-cover.jpeg',
          },
        ],
      },
      notes: [],
    },
    all: [],
  },
  {
    file: 'video-duet.html',
    url: 'https://www.tiktok.com/@exposer.daily/video/7342222222222222222',
    expected: {
      post: {
        platform: 'tiktok',
        id: '7342222222222222222',
        url: 'https://www.tiktok.com/@exposer.daily/video/7342222222222222222',
        text: '#duet with @nadia.k lol',
        postedAt: '2024-03-02T10:20:30.000Z',
        postedAtRaw: '3-2',
        author: {
          handle: 'exposer.daily',
          displayName: 'Exposer Daily',
          id: '7340000000000000001',
          url: 'https://www.tiktok.com/@exposer.daily',
        },
        media: [
          {
            url: 'https://v16-webapp.tiktok.com/video/tos/invented.mp4',
            type: 'video',
            poster: 'https://p16-sign.tiktokcdn.com/obj/invented-cover.jpeg',
          },
        ],
        quoted: { platform: 'tiktok', id: '7330000000000000099' },
      },
      notes: [],
    },
    all: [],
  },
  {
    file: 'photo-media.html',
    url: 'https://www.tiktok.com/@exposer.daily/photo/7343333333333333333',
    expected: {
      post: {
        platform: 'tiktok',
        id: '7343333333333333333',
        url: 'https://www.tiktok.com/@exposer.daily/photo/7343333333333333333',
        text: 'her car, her plate',
        postedAt: '2024-03-02T10:20:30.000Z',
        postedAtRaw: '3-2',
        author: {
          handle: 'exposer.daily',
          displayName: 'Exposer Daily',
          id: '7340000000000000001',
          url: 'https://www.tiktok.com/@exposer.daily',
        },
        media: [
          { url: 'https://p16-sign.tiktokcdn.com/obj/invented-photo-1.jpeg', type: 'image' },
          { url: 'https://p16-sign.tiktokcdn.com/obj/invented-photo-2.jpeg', type: 'image' },
        ],
      },
      notes: [],
    },
    all: [],
  },
  {
    file: 'video-comments.html',
    url: 'https://www.tiktok.com/@exposer.daily/video/7341111111111111111',
    expected: {
      post: {
        platform: 'tiktok',
        id: '7341111111111111111',
        url: 'https://www.tiktok.com/@exposer.daily/video/7341111111111111111',
        text: 'who is she really? #exposed',
        postedAt: '2024-03-02T10:20:30.000Z',
        postedAtRaw: '3-2',
        author: {
          handle: 'exposer.daily',
          displayName: 'Exposer Daily',
          id: '7340000000000000001',
          url: 'https://www.tiktok.com/@exposer.daily',
        },
        media: [
          {
            url: 'https://v16-webapp.tiktok.com/video/tos/invented.mp4',
            type: 'video',
            poster: 'https://p16-sign.tiktokcdn.com/obj/invented-cover.jpeg',
          },
        ],
      },
      notes: [],
    },
    all: [
      {
        platform: 'tiktok',
        text: 'Please stop posting my photo.',
        postedAtRaw: '3-2',
        author: {
          handle: 'nadia.k',
          displayName: 'Nadia K.',
          url: 'https://www.tiktok.com/@nadia.k',
        },
      },
      {
        platform: 'tiktok',
        text: 'make me 😂',
        postedAtRaw: '3-3',
        author: {
          handle: 'exposer.daily',
          displayName: 'Exposer Daily',
          url: 'https://www.tiktok.com/@exposer.daily',
        },
      },
    ],
  },
  {
    file: 'video-sigi.html',
    url: 'https://www.tiktok.com/@exposer.daily/video/7344444444444444444',
    expected: {
      post: {
        platform: 'tiktok',
        id: '7344444444444444444',
        url: 'https://www.tiktok.com/@exposer.daily/video/7344444444444444444',
        text: 'old page format',
        postedAt: '2024-03-02T10:20:30.000Z',
        author: {
          handle: 'exposer.daily',
          displayName: 'Exposer Daily',
          id: '7340000000000000001',
          url: 'https://www.tiktok.com/@exposer.daily',
        },
        media: [
          {
            url: 'https://p16-sign.tiktokcdn.com/obj/invented-cover-2.jpeg',
            type: 'video',
            poster: 'https://p16-sign.tiktokcdn.com/obj/invented-cover-2.jpeg',
          },
        ],
      },
      notes: [],
    },
    all: [],
  },
];

describe('tiktok extractor', () => {
  for (const c of CASES) {
    it(`reads the page's post from ${c.file}`, () => {
      expect(extractPost(loadFixture('tiktok', c.file), c.url)).toStrictEqual(c.expected);
    });
    it(`lists every post element of ${c.file}`, () => {
      const found = extractAllPosts(loadFixture('tiktok', c.file), c.url);
      expect(found.map((p) => p.post)).toStrictEqual(c.all);
    });
  }
});
