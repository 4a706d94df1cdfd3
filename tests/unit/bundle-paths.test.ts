// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect, it } from 'vitest';
import { isSafeBundlePath, unsafeNameReason } from '../../lib/bundle/paths';

it('accepts the paths a bundle is made of', () => {
  for (const p of [
    'SHA256SUMS',
    'SHA256SUMS.asc',
    'items/0a1b/item.json',
    'items/x/screenshot-visible.png',
    'a_b/c-d.e',
  ]) {
    expect(isSafeBundlePath(p)).toBe(true);
  }
});

it('refuses traversal, absolute, backslash, drive letters, empty and odd segments', () => {
  const bad = [
    '',
    '..',
    '../x',
    'a/../b',
    '.',
    'a/./b',
    '/abs',
    'a\\b',
    'C:/x',
    'c:x',
    'a//b',
    'a/',
    'é.txt',
    'a b',
    'a/b\n',
  ];
  for (const p of bad) expect(isSafeBundlePath(p), p).toBe(false);
  expect(isSafeBundlePath('a'.repeat(513))).toBe(false);
});

it('names why an archive member name is unsafe, allowing folder entries', () => {
  expect(unsafeNameReason('items/')).toBeNull();
  expect(unsafeNameReason('items/x/item.json')).toBeNull();
  expect(unsafeNameReason('../x')).toBe('contains a ".." segment');
  expect(unsafeNameReason('/x')).toBe('absolute path');
  expect(unsafeNameReason('D:\\x')).toBe('contains a backslash');
  expect(unsafeNameReason('D:/x')).toBe('starts with a drive letter');
  expect(unsafeNameReason('a//b')).toBe('contains an empty segment');
});
