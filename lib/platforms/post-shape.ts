// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The one definition of a well-formed post block: `finalizePost` makes an extractor's output
 * conform (plain strings, bounded, known keys only), `isPostFields` checks a value that crossed
 * from the page before the background trusts it.
 */
import type { PostAuthor, PostFields, PostMedia } from '../model/item';
import { clean, LIMITS, safeUrl } from './read-dom';

const STRING_CAPS: Record<string, number> = {
  platform: 32,
  id: 200,
  url: LIMITS.url,
  title: 1_000,
  text: LIMITS.text,
  postedAt: 40,
  postedAtRaw: 200,
  inReplyTo: LIMITS.url,
};
const AUTHOR_CAPS: Record<string, number> = {
  handle: 300,
  displayName: 200,
  id: 200,
  url: LIMITS.url,
};
const POST_KEYS = new Set([...Object.keys(STRING_CAPS), 'author', 'media', 'quoted', 'repostedBy']);

function author(value: PostAuthor | undefined, base: string): PostAuthor | undefined {
  if (!value) return undefined;
  const out: PostAuthor = {};
  for (const key of Object.keys(AUTHOR_CAPS) as Array<keyof PostAuthor>) {
    const v = key === 'url' ? safeUrl(value.url, base) : clean(value[key], AUTHOR_CAPS[key]);
    if (v !== undefined) out[key] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function media(list: PostMedia[] | undefined, base: string): PostMedia[] | undefined {
  const seen = new Set<string>();
  const out: PostMedia[] = [];
  for (const item of list ?? []) {
    const url = safeUrl(item.url, base);
    if (!url || seen.has(url) || out.length >= LIMITS.media) continue;
    seen.add(url);
    const poster = safeUrl(item.poster, base);
    out.push(poster ? { url, type: item.type, poster } : { url, type: item.type });
  }
  return out.length > 0 ? out : undefined;
}

/** A copy of `post` with every string cleaned and capped, empty fields dropped. */
export function finalizePost(post: PostFields, base: string, depth = 0): PostFields {
  const out: PostFields = { platform: clean(post.platform, 32) ?? 'generic' };
  for (const key of Object.keys(STRING_CAPS)) {
    if (key === 'platform') continue;
    const raw = post[key as keyof PostFields];
    const value = typeof raw === 'string' ? clean(raw, STRING_CAPS[key]) : undefined;
    if (value !== undefined) (out as unknown as Record<string, string>)[key] = value;
  }
  const a = author(post.author, base);
  if (a) out.author = a;
  const m = media(post.media, base);
  if (m) out.media = m;
  const r = author(post.repostedBy, base);
  if (r) out.repostedBy = r;
  if (post.quoted && depth === 0) out.quoted = finalizePost(post.quoted, base, 1);
  return out;
}

function isBoundedString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAuthor(value: unknown): boolean {
  if (!isRecord(value)) return false;
  return Object.entries(value).every(
    ([k, v]) => k in AUTHOR_CAPS && isBoundedString(v, AUTHOR_CAPS[k] ?? 0),
  );
}

function isMedia(value: unknown): boolean {
  if (!Array.isArray(value) || value.length > LIMITS.media) return false;
  return value.every(
    (m) =>
      isRecord(m) &&
      Object.keys(m).every((k) => k === 'url' || k === 'type' || k === 'poster') &&
      isBoundedString(m.url, LIMITS.url) &&
      (m.type === 'image' || m.type === 'video') &&
      (m.poster === undefined || isBoundedString(m.poster, LIMITS.url)),
  );
}

/** Strictly checks a post block: known keys only, bounded strings, one level of quoting. */
export function isPostFields(value: unknown, depth = 0): value is PostFields {
  if (!isRecord(value) || !isBoundedString(value.platform, 32)) return false;
  return Object.entries(value).every(([key, v]) => {
    if (!POST_KEYS.has(key)) return false;
    if (key === 'author' || key === 'repostedBy') return isAuthor(v);
    if (key === 'media') return isMedia(v);
    if (key === 'quoted') return depth === 0 && isPostFields(v, 1);
    return isBoundedString(v, STRING_CAPS[key] ?? 0);
  });
}
