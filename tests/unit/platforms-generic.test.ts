// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import type { PostFields } from '../../lib/model/item';
import { extractAllPosts, extractPost } from '../../lib/platforms/select-extractor';
import { loadFixture } from './support/platform-fixture';

const ARTICLE_TIME: PostFields = {
  platform: 'generic',
  url: 'https://guestbook.example.org/guestbook/17',
  title: 'Entry',
  text: 'Entry\n\nGo back where you came from.\n\n2 March 2024',
  postedAt: '2024-03-02T10:00:00.000Z',
  postedAtRaw: '2 March 2024',
};

// Every field of every fixture, exactly: a field appearing or changing is a failure.
const CASES: Array<{
  file: string;
  url: string;
  expected: { post?: PostFields; notes: string[] };
  all: PostFields[];
}> = [
  {
    file: 'jsonld-forum.html',
    url: 'https://forum.example.net/t/88213',
    expected: {
      post: {
        platform: 'generic',
        id: '88213',
        url: 'https://forum.example.net/t/88213',
        title: 'Thread about the journalist',
        text: 'She lives on Oak Street, number 12.',
        postedAt: '2024-03-02T10:20:30.000Z',
        author: { displayName: 'night_owl', url: 'https://forum.example.net/u/night_owl' },
        media: [{ url: 'https://forum.example.net/uploads/photo.jpg', type: 'image' }],
      },
      notes: [],
    },
    all: [
      {
        platform: 'generic',
        title: 'Thread about the journalist',
        text: 'Thread about the journalist\n\nShe lives on Oak Street, number 12.',
      },
    ],
  },
  {
    file: 'opengraph-article.html',
    url: 'https://blog.example.com/2024/03/who-funds-her',
    expected: {
      post: {
        platform: 'generic',
        url: 'https://blog.example.com/2024/03/who-funds-her',
        title: 'Who funds her?',
        text: 'A smear piece.',
        postedAt: '2024-03-02T09:00:00.000Z',
        author: { url: 'https://blog.example.com/author/kp' },
        media: [{ url: 'https://blog.example.com/img/her.jpg', type: 'image' }],
      },
      notes: [],
    },
    all: [],
  },
  {
    file: 'article-time.html',
    url: 'https://guestbook.example.org/',
    expected: {
      post: ARTICLE_TIME,
      notes: [],
    },
    all: [ARTICLE_TIME],
  },
  {
    file: 'no-post.html',
    url: 'https://www.example.com/',
    expected: { notes: ['post fields not detected'] },
    all: [],
  },
];

describe('generic extractor', () => {
  for (const c of CASES) {
    it(`reads the page's post from ${c.file}`, () => {
      expect(extractPost(loadFixture('generic', c.file), c.url)).toStrictEqual(c.expected);
    });
    it(`lists every post element of ${c.file}`, () => {
      const found = extractAllPosts(loadFixture('generic', c.file), c.url);
      expect(found.map((p) => p.post)).toStrictEqual(c.all);
    });
  }
});
