// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Any other site: JSON-LD (`SocialMediaPosting`, `DiscussionForumPosting`, `Article`, …), then
 * OpenGraph / `article:` tags when the page says it is an article or a video, then a lone
 * `<article>` with a `<time datetime>`. A page with none of these yields no post.
 */
import type { PostAuthor, PostFields, PostMedia } from '../model/item';
import { attr, elementsOf, isoFromString, meta, safeUrl, textOf } from './read-dom';
import { findObjects, jsonScripts, str } from './read-json';
import type { FoundPost, PlatformExtractor } from './types';

type Json = Record<string, unknown>;
const TYPES = new Set([
  'SocialMediaPosting',
  'DiscussionForumPosting',
  'BlogPosting',
  'NewsArticle',
  'Article',
  'Comment',
  'VideoObject',
]);

function typeOf(o: Json): boolean {
  const type = o['@type'];
  return Array.isArray(type) ? type.some((t) => TYPES.has(String(t))) : TYPES.has(String(type));
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function one(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function ldAuthor(value: unknown, base: string): PostAuthor | undefined {
  const author = one(value);
  if (typeof author === 'string') return { displayName: author };
  if (typeof author !== 'object' || author === null) return undefined;
  return {
    handle: str(author, 'alternateName'),
    displayName: str(author, 'name'),
    id: str(author, 'identifier'),
    url: safeUrl(str(author, 'url'), base),
  };
}

function ldMedia(o: Json, base: string): PostMedia[] {
  const out: PostMedia[] = [];
  const images = Array.isArray(o.image) ? o.image : [o.image];
  for (const image of images.slice(0, 20)) {
    const url = safeUrl(typeof image === 'string' ? image : str(image, 'url'), base);
    if (url) out.push({ url, type: 'image' });
  }
  const video = safeUrl(str(one(o.video), 'contentUrl') ?? str(o, 'contentUrl'), base);
  // schema.org VideoObject.thumbnailUrl is the poster frame players show before playing.
  const thumb = (v: unknown) => (isObject(v) ? str(one(v.thumbnailUrl)) : undefined);
  const poster = safeUrl(thumb(one(o.video)) ?? thumb(o), base);
  if (video)
    out.push(poster ? { url: video, type: 'video', poster } : { url: video, type: 'video' });
  return out;
}

function fromJsonLd(doc: Document, base: string): PostFields | undefined {
  const ld = jsonScripts(doc, 'script[type="application/ld+json"]').flatMap((j) =>
    findObjects(j, typeOf, 20_000),
  )[0];
  if (!ld) return undefined;
  return {
    platform: 'generic',
    id: str(ld, 'identifier'),
    url: safeUrl(str(ld, 'url') ?? str(ld, '@id'), base),
    title: str(ld, 'headline') ?? str(ld, 'name'),
    text: str(ld, 'articleBody') ?? str(ld, 'text') ?? str(ld, 'description'),
    postedAt: isoFromString(str(ld, 'datePublished') ?? str(ld, 'uploadDate')),
    author: ldAuthor(ld.author, base),
    media: ldMedia(ld, base),
  };
}

function fromOpenGraph(doc: Document, base: string): PostFields | undefined {
  const type = meta(doc, 'og:type');
  if (!type || !/^(article|video(\.|$))/.test(type)) return undefined;
  const image = safeUrl(meta(doc, 'og:image', 2048), base);
  const video = safeUrl(meta(doc, 'og:video', 2048) ?? meta(doc, 'og:video:url', 2048), base);
  const media: PostMedia[] = [];
  if (image) media.push({ url: image, type: 'image' });
  if (video) media.push({ url: video, type: 'video' });
  const authorUrl = safeUrl(meta(doc, 'article:author', 2048), base);
  return {
    platform: 'generic',
    url: safeUrl(meta(doc, 'og:url', 2048), base),
    title: meta(doc, 'og:title', 1000),
    text: meta(doc, 'og:description', 20_000),
    postedAt: isoFromString(meta(doc, 'article:published_time')),
    author: authorUrl
      ? { url: authorUrl }
      : meta(doc, 'author')
        ? { displayName: meta(doc, 'author') }
        : undefined,
    media,
  };
}

function articleFields(article: Element, base: string): PostFields {
  const time = article.querySelector('time[datetime]');
  return {
    platform: 'generic',
    title: textOf(article.querySelector('h1, h2'), 1000),
    text: textOf(article),
    postedAt: isoFromString(attr(time, 'datetime')),
    postedAtRaw: textOf(time, 200),
    url: safeUrl(time?.closest('a[href]')?.getAttribute('href'), base),
  };
}

function all(doc: Document, url: string): FoundPost[] {
  return elementsOf(doc, 'article').map((element) => ({
    element,
    post: articleFields(element, url),
  }));
}

/** The fallback for every page no platform extractor claims. */
export const genericExtractor: PlatformExtractor = {
  platform: 'generic',
  matches: () => true,
  extractAll: all,
  extract(doc, url) {
    const found = fromJsonLd(doc, url) ?? fromOpenGraph(doc, url);
    if (found) return found;
    const articles = elementsOf(doc, 'article', 2);
    const only = articles.length === 1 ? articles[0] : undefined;
    return only?.querySelector('time[datetime]') ? articleFields(only, url) : undefined;
  },
};
