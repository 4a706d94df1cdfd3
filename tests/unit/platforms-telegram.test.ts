// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import type { PostFields } from '../../lib/model/item';
import { extractAllPosts, extractPost } from '../../lib/platforms/select-extractor';
import { loadFixture } from './support/platform-fixture';

const MESSAGE_PLAIN: PostFields = {
  platform: 'telegram',
  id: '4301',
  text: 'Everyone, this woman is a foreign agent. Her photo and address below.',
  postedAt: '2024-03-02T10:20:30.000Z',
  postedAtRaw: '11:20',
  author: { displayName: 'Patriot Channel', id: '-1001234567890' },
};

const MESSAGE_REPLY: PostFields = {
  platform: 'telegram',
  id: '4310',
  text: 'we know where you are, Nadia',
  postedAt: '2024-03-02T11:46:40.000Z',
  postedAtRaw: '12:46',
  inReplyTo: 'Nadia K.',
  author: { displayName: 'Patriot Channel', id: '-1001234567890' },
};

const MESSAGE_FORWARD: PostFields = {
  platform: 'telegram',
  id: '4320',
  text: 'Her phone number is 555-0100, call her.',
  postedAt: '2024-03-02T12:46:40.000Z',
  postedAtRaw: '13:46',
  quoted: {
    platform: 'telegram',
    author: { displayName: 'Leaks Daily', id: '-1009876543210' },
  },
};

const MESSAGE_MEDIA: PostFields = {
  platform: 'telegram',
  id: '4330',
  text: 'This is her house',
  postedAt: '2024-03-02T13:46:40.000Z',
  postedAtRaw: '14:46',
  author: { displayName: 'Patriot Channel', id: '-1001234567890' },
  media: [{ url: 'https://web.telegram.org/k/photo-4330-invented.jpg', type: 'image' }],
};

// Every field of every fixture, exactly: a field appearing or changing is a failure.
const CASES: Array<{
  file: string;
  url: string;
  expected: { post?: PostFields; notes: string[] };
  all: PostFields[];
}> = [
  {
    file: 'message-plain.html',
    url: 'https://web.telegram.org/k/#-1001234567890',
    expected: {
      post: MESSAGE_PLAIN,
      notes: [],
    },
    all: [
      MESSAGE_PLAIN,
      {
        platform: 'telegram',
        id: '4302',
        text: 'Share!',
        postedAt: '2024-03-02T10:21:40.000Z',
        postedAtRaw: '11:21',
        author: { displayName: 'Patriot Channel', id: '-1001234567890' },
      },
    ],
  },
  {
    file: 'message-reply.html',
    url: 'https://web.telegram.org/k/#-1001234567890',
    expected: {
      post: MESSAGE_REPLY,
      notes: [],
    },
    all: [MESSAGE_REPLY],
  },
  {
    file: 'message-forward.html',
    url: 'https://web.telegram.org/k/#-1001234567890',
    expected: {
      post: MESSAGE_FORWARD,
      notes: [],
    },
    all: [MESSAGE_FORWARD],
  },
  {
    file: 'message-media.html',
    url: 'https://web.telegram.org/k/#-1001234567890',
    expected: {
      post: MESSAGE_MEDIA,
      notes: [],
    },
    all: [MESSAGE_MEDIA],
  },
];

describe('telegram extractor', () => {
  for (const c of CASES) {
    it(`reads the page's post from ${c.file}`, () => {
      expect(extractPost(loadFixture('telegram', c.file), c.url)).toStrictEqual(c.expected);
    });
    it(`lists every post element of ${c.file}`, () => {
      const found = extractAllPosts(loadFixture('telegram', c.file), c.url);
      expect(found.map((p) => p.post)).toStrictEqual(c.all);
    });
  }
});
