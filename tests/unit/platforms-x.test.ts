// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import type { PostFields } from '../../lib/model/item';
import { extractAllPosts, extractPost } from '../../lib/platforms/select-extractor';
import { loadFixture } from './support/platform-fixture';

const STATUS_PLAIN: PostFields = {
  platform: 'x',
  id: '1764000000000000001',
  url: 'https://x.com/darko_v_1988/status/1764000000000000001',
  text: 'Everyone knows what she did. Time to make her pay for it.\nShare this everywhere.',
  postedAt: '2024-03-02T16:05:11.000Z',
  postedAtRaw: '4:05 PM · Mar 2, 2024',
  author: {
    handle: 'darko_v_1988',
    displayName: 'Darko Vuković',
    url: 'https://x.com/darko_v_1988',
  },
};

const STATUS_QUOTE: PostFields = {
  platform: 'x',
  id: '1764000000000000010',
  url: 'https://x.com/pavel_novak_77/status/1764000000000000010',
  text: 'Look at this clown 👇',
  postedAt: '2024-03-03T23:02:00.000Z',
  postedAtRaw: '11:02 PM · Mar 3, 2024',
  author: {
    handle: 'pavel_novak_77',
    displayName: 'Pavel Novák',
    url: 'https://x.com/pavel_novak_77',
  },
  quoted: {
    platform: 'x',
    text: 'Our report on detention conditions is out today.',
    postedAt: '2024-03-01T09:00:00.000Z',
    postedAtRaw: 'Mar 1',
    author: {
      handle: 'amina_rahal_hr',
      displayName: 'Amina Rahal',
      url: 'https://x.com/amina_rahal_hr',
    },
  },
};

const STATUS_MEDIA: PostFields = {
  platform: 'x',
  id: '1764000000000000020',
  url: 'https://twitter.com/darko_v_1988/status/1764000000000000020',
  text: 'found her house lol',
  postedAt: '2024-03-04T08:15:00.000Z',
  postedAtRaw: '8:15 AM · Mar 4, 2024',
  author: {
    handle: 'darko_v_1988',
    displayName: 'Darko Vuković',
    url: 'https://twitter.com/darko_v_1988',
  },
  media: [
    {
      url: 'https://pbs.twimg.com/media/GHaaaaaXIAAbbbb?format=jpg&name=small',
      type: 'image',
    },
    {
      url: 'https://pbs.twimg.com/media/GHccccXIAAdddd?format=jpg&name=small',
      type: 'image',
    },
    {
      url: 'https://pbs.twimg.com/ext_tw_video_thumb/1764000000000000021/pu/img/eeee.jpg',
      type: 'video',
      poster: 'https://pbs.twimg.com/ext_tw_video_thumb/1764000000000000021/pu/img/eeee.jpg',
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
    url: 'https://x.com/darko_v_1988/status/1764000000000000001',
    expected: {
      post: STATUS_PLAIN,
      notes: [],
    },
    all: [STATUS_PLAIN],
  },
  {
    file: 'status-reply.html',
    url: 'https://x.com/troll_4821/status/1764000000000000005',
    expected: {
      post: {
        platform: 'x',
        id: '1764000000000000005',
        url: 'https://x.com/troll_4821/status/1764000000000000005',
        text: 'nobody asked you. we know your address & we know where you work 🙂',
        postedAt: '2024-03-01T09:41:30.000Z',
        postedAtRaw: '9:41 AM · Mar 1, 2024',
        inReplyTo: 'https://x.com/amina_rahal_hr/status/1764000000000000002',
        author: { handle: 'troll_4821', displayName: 'anon 4821', url: 'https://x.com/troll_4821' },
      },
      notes: [],
    },
    all: [
      {
        platform: 'x',
        id: '1764000000000000002',
        url: 'https://x.com/amina_rahal_hr/status/1764000000000000002',
        text: 'Our report on detention conditions is out today.',
        postedAt: '2024-03-01T09:00:00.000Z',
        postedAtRaw: 'Mar 1',
        author: {
          handle: 'amina_rahal_hr',
          displayName: 'Amina Rahal',
          url: 'https://x.com/amina_rahal_hr',
        },
      },
      {
        platform: 'x',
        id: '1764000000000000005',
        url: 'https://x.com/troll_4821/status/1764000000000000005',
        text: 'nobody asked you. we know your address & we know where you work 🙂',
        postedAt: '2024-03-01T09:41:30.000Z',
        postedAtRaw: '9:41 AM · Mar 1, 2024',
        author: { handle: 'troll_4821', displayName: 'anon 4821', url: 'https://x.com/troll_4821' },
      },
    ],
  },
  {
    file: 'status-quote.html',
    url: 'https://x.com/pavel_novak_77/status/1764000000000000010',
    expected: {
      post: STATUS_QUOTE,
      notes: [],
    },
    all: [STATUS_QUOTE],
  },
  {
    file: 'status-media.html',
    url: 'https://twitter.com/darko_v_1988/status/1764000000000000020/photo/1',
    expected: {
      post: STATUS_MEDIA,
      notes: [],
    },
    all: [STATUS_MEDIA],
  },
  {
    file: 'profile-repost.html',
    url: 'https://x.com/darko_v_1988',
    expected: { notes: ['post fields not detected'] },
    all: [
      {
        platform: 'x',
        id: '1764000000000000010',
        url: 'https://x.com/pavel_novak_77/status/1764000000000000010',
        text: 'Look at this clown 👇',
        postedAt: '2024-03-03T23:02:00.000Z',
        postedAtRaw: 'Mar 3',
        author: {
          handle: 'pavel_novak_77',
          displayName: 'Pavel Novák',
          url: 'https://x.com/pavel_novak_77',
        },
        repostedBy: { handle: 'darko_v_1988', url: 'https://x.com/darko_v_1988' },
      },
      {
        platform: 'x',
        id: '1764000000000000001',
        url: 'https://x.com/darko_v_1988/status/1764000000000000001',
        text: 'Everyone knows what she did. Time to make her pay for it.\nShare this everywhere.',
        postedAt: '2024-03-02T16:05:11.000Z',
        postedAtRaw: 'Mar 2',
        author: {
          handle: 'darko_v_1988',
          displayName: 'Darko Vuković',
          url: 'https://x.com/darko_v_1988',
        },
      },
    ],
  },
];

describe('x extractor', () => {
  for (const c of CASES) {
    it(`reads the page's post from ${c.file}`, () => {
      expect(extractPost(loadFixture('x', c.file), c.url)).toStrictEqual(c.expected);
    });
    it(`lists every post element of ${c.file}`, () => {
      const found = extractAllPosts(loadFixture('x', c.file), c.url);
      expect(found.map((p) => p.post)).toStrictEqual(c.all);
    });
  }
});
