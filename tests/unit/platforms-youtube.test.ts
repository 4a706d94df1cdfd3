// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import type { PostFields } from '../../lib/model/item';
import { extractAllPosts, extractPost } from '../../lib/platforms/select-extractor';
import { loadFixture } from './support/platform-fixture';

const COMMUNITY_SHARED_POST: PostFields = {
  platform: 'youtube',
  id: 'UgkzSharedPost0000000000000',
  url: 'https://www.youtube.com/post/UgkzSharedPost0000000000000',
  text: 'Everyone share this',
  postedAtRaw: '1 day ago',
  author: {
    handle: 'mirror_channel_x',
    displayName: 'Mirror Channel',
    url: 'https://www.youtube.com/@mirror_channel_x',
  },
  quoted: {
    platform: 'youtube',
    id: 'UgkxAbCdEfGhIjKlMnOpQrStUvWx',
    url: 'https://www.youtube.com/post/UgkxAbCdEfGhIjKlMnOpQrStUvWx',
    text: 'Recognise this woman? Tell us who pays her.',
    postedAtRaw: '2 days ago',
    author: {
      handle: 'truthseekertv',
      displayName: 'Truth Seeker TV',
      url: 'https://www.youtube.com/@truthseekertv',
    },
  },
};

const COMMUNITY_POST_MEDIA: PostFields = {
  platform: 'youtube',
  id: 'UgkxAbCdEfGhIjKlMnOpQrStUvWx',
  url: 'https://www.youtube.com/post/UgkxAbCdEfGhIjKlMnOpQrStUvWx',
  text: 'Recognise this woman? Tell us who pays her.',
  postedAtRaw: '2 days ago',
  author: {
    handle: 'truthseekertv',
    displayName: 'Truth Seeker TV',
    url: 'https://www.youtube.com/@truthseekertv',
  },
  media: [{ url: 'https://yt3.ggpht.com/invented-post-image=s1280', type: 'image' }],
};

// Every field of every fixture, exactly: a field appearing or changing is a failure.
const CASES: Array<{
  file: string;
  url: string;
  expected: { post?: PostFields; notes: string[] };
  all: PostFields[];
}> = [
  {
    file: 'watch-video.html',
    url: 'https://www.youtube.com/watch?v=Ab3dEf6hI9k',
    expected: {
      post: {
        platform: 'youtube',
        id: 'Ab3dEf6hI9k',
        url: 'https://www.youtube.com/watch?v=Ab3dEf6hI9k',
        title: 'EXPOSED: the truth about "human rights" NGO',
        text: 'They lie to you.\nWatch until the end.',
        postedAt: '2024-03-01T12:00:12.000Z',
        postedAtRaw: 'Mar 1, 2024',
        author: {
          handle: 'truthseekertv',
          displayName: 'Truth Seeker TV',
          id: 'UCabcdefghijklmnopqrstuv',
          url: 'https://www.youtube.com/@truthseekertv',
        },
        media: [
          {
            url: 'https://i.ytimg.com/vi/Ab3dEf6hI9k/maxresdefault.jpg',
            type: 'video',
            poster: 'https://i.ytimg.com/vi/Ab3dEf6hI9k/maxresdefault.jpg',
          },
        ],
      },
      notes: [],
    },
    all: [],
  },
  {
    file: 'comment-reply.html',
    url: 'https://www.youtube.com/watch?v=Ab3dEf6hI9k&lc=UgxAAAAbbbbCCCCdddd4AaABAg.A0bCdEfGhIj',
    expected: {
      post: {
        platform: 'youtube',
        id: 'UgxAAAAbbbbCCCCdddd4AaABAg.A0bCdEfGhIj',
        url: 'https://www.youtube.com/watch?v=Ab3dEf6hI9k&lc=UgxAAAAbbbbCCCCdddd4AaABAg.A0bCdEfGhIj',
        text: 'she deserves everything coming to her',
        postedAtRaw: '1 year ago (edited)',
        inReplyTo: 'https://www.youtube.com/watch?v=Ab3dEf6hI9k&lc=UgxAAAAbbbbCCCCdddd4AaABAg',
        author: { handle: 'angry_viewer_01', url: 'https://www.youtube.com/@angry_viewer_01' },
      },
      notes: [],
    },
    all: [
      {
        platform: 'youtube',
        id: 'UgxAAAAbbbbCCCCdddd4AaABAg',
        url: 'https://www.youtube.com/watch?v=Ab3dEf6hI9k&lc=UgxAAAAbbbbCCCCdddd4AaABAg',
        text: 'This video is defamatory and has been reported.',
        postedAtRaw: '1 year ago',
        author: { handle: 'hr_observer', url: 'https://www.youtube.com/@hr_observer' },
      },
      {
        platform: 'youtube',
        id: 'UgxAAAAbbbbCCCCdddd4AaABAg.A0bCdEfGhIj',
        url: 'https://www.youtube.com/watch?v=Ab3dEf6hI9k&lc=UgxAAAAbbbbCCCCdddd4AaABAg.A0bCdEfGhIj',
        text: 'she deserves everything coming to her',
        postedAtRaw: '1 year ago (edited)',
        author: { handle: 'angry_viewer_01', url: 'https://www.youtube.com/@angry_viewer_01' },
      },
    ],
  },
  {
    file: 'community-shared-post.html',
    url: 'https://www.youtube.com/post/UgkzSharedPost0000000000000',
    expected: {
      post: COMMUNITY_SHARED_POST,
      notes: [],
    },
    all: [COMMUNITY_SHARED_POST],
  },
  {
    file: 'community-post-media.html',
    url: 'https://www.youtube.com/post/UgkxAbCdEfGhIjKlMnOpQrStUvWx',
    expected: {
      post: COMMUNITY_POST_MEDIA,
      notes: [],
    },
    all: [COMMUNITY_POST_MEDIA],
  },
];

describe('youtube extractor', () => {
  for (const c of CASES) {
    it(`reads the page's post from ${c.file}`, () => {
      expect(extractPost(loadFixture('youtube', c.file), c.url)).toStrictEqual(c.expected);
    });
    it(`lists every post element of ${c.file}`, () => {
      const found = extractAllPosts(loadFixture('youtube', c.file), c.url);
      expect(found.map((p) => p.post)).toStrictEqual(c.all);
    });
  }
});
