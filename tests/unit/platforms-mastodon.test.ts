// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import type { PostFields } from '../../lib/model/item';
import { extractAllPosts, extractPost } from '../../lib/platforms/select-extractor';
import { loadFixture } from './support/platform-fixture';

const STATUS_PLAIN: PostFields = {
  platform: 'mastodon',
  id: '112000000000000001',
  url: 'https://social.example.org/@lukas_b/112000000000000001',
  text: 'Cette « militante » est payée par l’étranger.\n\nSignalez son compte, tous.',
  postedAt: '2024-03-02T10:20:30.000Z',
  postedAtRaw: 'Mar 02, 2024, 11:20',
  author: {
    handle: 'lukas_b',
    displayName: 'Lukas B.',
    id: '109000000000000011',
    url: 'https://social.example.org/@lukas_b',
  },
};

const STATUS_QUOTE: PostFields = {
  platform: 'mastodon',
  id: '112000000000000007',
  url: 'https://social.example.org/@lukas_b/112000000000000007',
  text: 'Voilà la menteuse.',
  postedAt: '2024-03-02T14:00:00.000Z',
  postedAtRaw: 'Mar 02, 2024, 15:00',
  author: {
    handle: 'lukas_b',
    displayName: 'Lukas B.',
    id: '109000000000000011',
    url: 'https://social.example.org/@lukas_b',
  },
  quoted: {
    platform: 'mastodon',
    id: '112000000000000003',
    url: 'https://social.example.org/@ines_h@defenders.example.net/112000000000000003',
    text: 'Nous publions aujourd’hui notre rapport.',
    postedAt: '2024-03-02T11:00:00.000Z',
    postedAtRaw: 'Mar 2',
    author: {
      handle: 'ines_h@defenders.example.net',
      displayName: 'Inès Haddad',
      id: '109000000000000022',
      url: 'https://social.example.org/@ines_h@defenders.example.net',
    },
  },
};

const STATUS_MEDIA: PostFields = {
  platform: 'mastodon',
  id: '112000000000000009',
  url: 'https://social.example.org/@lukas_b/112000000000000009',
  text: 'sa porte, au cas où',
  postedAt: '2024-03-03T08:00:00.000Z',
  postedAtRaw: 'Mar 03, 2024, 09:00',
  author: {
    handle: 'lukas_b',
    displayName: 'Lukas B.',
    id: '109000000000000011',
    url: 'https://social.example.org/@lukas_b',
  },
  media: [
    {
      url: 'https://files.social.example.org/media_attachments/files/112/000/000/small/aa.jpg',
      type: 'image',
    },
    {
      url: 'https://files.social.example.org/media_attachments/files/112/000/001/original/bb.mp4',
      type: 'video',
      poster: 'https://files.social.example.org/media_attachments/files/112/000/001/small/bb.png',
    },
  ],
};

// Every field of every fixture, exactly: a field appearing or changing is a failure.
const CASES: Array<{
  file: string;
  url: string;
  expected: { post?: PostFields; notes: string[] };
  all: PostFields[];
}> = [
  {
    file: 'status-plain.html',
    url: 'https://social.example.org/@lukas_b/112000000000000001',
    expected: {
      post: STATUS_PLAIN,
      notes: [],
    },
    all: [STATUS_PLAIN],
  },
  {
    file: 'status-reply.html',
    url: 'https://social.example.org/@lukas_b/112000000000000005',
    expected: {
      post: {
        platform: 'mastodon',
        id: '112000000000000005',
        url: 'https://social.example.org/@lukas_b/112000000000000005',
        text: '@ines_h personne ne te croit\non sait où tu habites',
        postedAt: '2024-03-02T12:00:00.000Z',
        postedAtRaw: 'Mar 02, 2024, 13:00',
        inReplyTo: 'https://social.example.org/@ines_h@defenders.example.net/112000000000000003',
        author: {
          handle: 'lukas_b',
          displayName: 'Lukas B.',
          id: '109000000000000011',
          url: 'https://social.example.org/@lukas_b',
        },
      },
      notes: [],
    },
    all: [
      {
        platform: 'mastodon',
        id: '112000000000000003',
        url: 'https://social.example.org/@ines_h@defenders.example.net/112000000000000003',
        text: 'Nous publions aujourd’hui notre rapport.',
        postedAt: '2024-03-02T11:00:00.000Z',
        postedAtRaw: '2h',
        author: {
          handle: 'ines_h@defenders.example.net',
          displayName: 'Inès Haddad',
          id: '109000000000000022',
          url: 'https://social.example.org/@ines_h@defenders.example.net',
        },
      },
      {
        platform: 'mastodon',
        id: '112000000000000005',
        url: 'https://social.example.org/@lukas_b/112000000000000005',
        text: '@ines_h personne ne te croit\non sait où tu habites',
        postedAt: '2024-03-02T12:00:00.000Z',
        postedAtRaw: 'Mar 02, 2024, 13:00',
        author: {
          handle: 'lukas_b',
          displayName: 'Lukas B.',
          id: '109000000000000011',
          url: 'https://social.example.org/@lukas_b',
        },
      },
    ],
  },
  {
    file: 'status-quote.html',
    url: 'https://social.example.org/@lukas_b/112000000000000007',
    expected: {
      post: STATUS_QUOTE,
      notes: [],
    },
    all: [STATUS_QUOTE],
  },
  {
    file: 'status-media.html',
    url: 'https://social.example.org/@lukas_b/112000000000000009',
    expected: {
      post: STATUS_MEDIA,
      notes: [],
    },
    all: [STATUS_MEDIA],
  },
  {
    file: 'home-boost.html',
    url: 'https://social.example.org/home',
    expected: { notes: ['post fields not detected'] },
    all: [
      {
        platform: 'mastodon',
        id: '112000000000000001',
        url: 'https://social.example.org/@lukas_b/112000000000000001',
        text: 'Cette « militante » est payée par l’étranger.',
        postedAt: '2024-03-02T10:20:30.000Z',
        postedAtRaw: '1d',
        author: {
          handle: 'lukas_b',
          displayName: 'Lukas B.',
          id: '109000000000000011',
          url: 'https://social.example.org/@lukas_b',
        },
        repostedBy: {
          displayName: 'Jo Kaminski',
          id: '109000000000000033',
          url: 'https://social.example.org/@jo_kaminski',
        },
      },
    ],
  },
];

describe('mastodon extractor', () => {
  for (const c of CASES) {
    it(`reads the page's post from ${c.file}`, () => {
      expect(extractPost(loadFixture('mastodon', c.file), c.url)).toStrictEqual(c.expected);
    });
    it(`lists every post element of ${c.file}`, () => {
      const found = extractAllPosts(loadFixture('mastodon', c.file), c.url);
      expect(found.map((p) => p.post)).toStrictEqual(c.all);
    });
  }
});
