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
    url: 'https://www.facebook.com/marko.petrovic.invented/posts/1234567890123456',
    expected: {
      post: {
        platform: 'facebook',
        id: '1234567890123456',
        url: 'https://www.facebook.com/marko.petrovic.invented/posts/1234567890123456',
        text: 'This “activist” is a traitor. Everyone report her page.',
        postedAt: '2024-03-02T10:20:30.000Z',
        author: {
          displayName: 'Marko Petrović',
          id: '100089000000001',
          url: 'https://www.facebook.com/marko.petrovic.invented',
        },
      },
      notes: [],
    },
    all: [
      { platform: 'facebook', text: 'This “activist” is a traitor. Everyone report her page.' },
    ],
  },
  {
    file: 'comment-reply.html',
    url: 'https://www.facebook.com/marko.petrovic.invented/posts/1234567890123456?comment_id=998877665544332',
    expected: {
      post: {
        platform: 'facebook',
        id: '998877665544332',
        url: 'https://www.facebook.com/marko.petrovic.invented/posts/1234567890123456?comment_id=998877665544332',
        text: 'you will regret this',
        postedAt: '2024-03-02T11:20:30.000Z',
        inReplyTo: 'https://www.facebook.com/marko.petrovic.invented/posts/1234567890123456',
        author: {
          displayName: 'Ivan Horvat',
          id: '100089000000009',
          url: 'https://www.facebook.com/ivan.horvat.invented',
        },
      },
      notes: [],
    },
    all: [
      { platform: 'facebook', text: 'This “activist” is a traitor. Everyone report her page.' },
    ],
  },
  {
    file: 'post-share.html',
    url: 'https://www.facebook.com/marko.petrovic.invented/posts/1234567890123458',
    expected: {
      post: {
        platform: 'facebook',
        id: '1234567890123458',
        url: 'https://www.facebook.com/marko.petrovic.invented/posts/1234567890123458',
        text: 'LIES. all of it.',
        postedAt: '2024-03-04T10:20:30.000Z',
        author: {
          displayName: 'Marko Petrović',
          id: '100089000000001',
          url: 'https://www.facebook.com/marko.petrovic.invented',
        },
        quoted: {
          platform: 'facebook',
          id: '1234567890123400',
          url: 'https://www.facebook.com/rightswatch.example/posts/1234567890123400',
          text: 'Our statement on the arrests.',
          postedAt: '2024-03-01T10:20:30.000Z',
          author: {
            displayName: 'Rights Watch Example',
            id: '100077000000002',
            url: 'https://www.facebook.com/rightswatch.example',
          },
        },
      },
      notes: [],
    },
    all: [{ platform: 'facebook', text: 'LIES. all of it.' }],
  },
  {
    file: 'post-media.html',
    url: 'https://m.facebook.com/marko.petrovic.invented/posts/1234567890123457',
    expected: {
      post: {
        platform: 'facebook',
        id: '1234567890123457',
        url: 'https://www.facebook.com/marko.petrovic.invented/posts/1234567890123457',
        text: 'her office. go say hi',
        postedAt: '2024-03-03T10:20:30.000Z',
        author: {
          displayName: 'Marko Petrović',
          id: '100089000000001',
          url: 'https://www.facebook.com/marko.petrovic.invented',
        },
        media: [
          { url: 'https://scontent.xx.fbcdn.net/v/t39.30808-6/invented_1_n.jpg', type: 'image' },
          {
            url: 'https://video.xx.fbcdn.net/v/t42.1790-2/invented_2.mp4',
            type: 'video',
            poster: 'https://scontent.xx.fbcdn.net/v/t15.5256-10/invented_2_thumb.jpg',
          },
        ],
      },
      notes: [],
    },
    all: [{ platform: 'facebook', text: 'her office. go say hi' }],
  },
  {
    file: 'post-og-only.html',
    url: 'https://www.facebook.com/marko.petrovic.invented/posts/1234567890123459',
    expected: {
      post: {
        platform: 'facebook',
        id: '1234567890123459',
        url: 'https://www.facebook.com/marko.petrovic.invented/posts/1234567890123459',
        text: 'She will not speak at that conference. We will make sure.',
        media: [{ url: 'https://scontent.xx.fbcdn.net/v/invented_og.jpg', type: 'image' }],
      },
      notes: [],
    },
    all: [],
  },
];

describe('facebook extractor', () => {
  for (const c of CASES) {
    it(`reads the page's post from ${c.file}`, () => {
      expect(extractPost(loadFixture('facebook', c.file), c.url)).toStrictEqual(c.expected);
    });
    it(`lists every post element of ${c.file}`, () => {
      const found = extractAllPosts(loadFixture('facebook', c.file), c.url);
      expect(found.map((p) => p.post)).toStrictEqual(c.all);
    });
  }
});
