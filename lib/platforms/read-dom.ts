// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PostMedia } from '../model/item';

/**
 * Bounded, side-effect-free readers shared by the extractors. Pages are hostile and may be huge:
 * every reader caps the nodes it visits and the characters it returns, and only ever yields
 * plain strings (never markup, never live objects).
 */

/** Caps on what one extraction may read or return. */
export const LIMITS = {
  text: 20_000,
  short: 512,
  url: 2_048,
  media: 20,
  posts: 200,
  textNodes: 5_000,
  jsonChars: 4_000_000,
} as const;

const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SVG']);
const BLOCKS = new Set([
  'P',
  'DIV',
  'LI',
  'BLOCKQUOTE',
  'PRE',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'UL',
  'OL',
  'TR',
  'HEADER',
  'FOOTER',
  'SECTION',
  'ARTICLE',
]);

// Control characters other than tab and newline (and lone surrogates) are never meaningful in a
// post and could confuse whoever reads the JSON later.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Normalizes and caps a string read from the page; empty becomes undefined. */
export function clean(value: string | null | undefined, max: number = LIMITS.short) {
  if (typeof value !== 'string') return undefined;
  const text = value
    .slice(0, max * 2)
    .replace(CONTROL, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00A0]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, max);
  return text === '' ? undefined : text;
}

/**
 * Visible text of an element as the user reads it: `<br>` and block boundaries become line
 * breaks, emoji images their alt text. Stops after a bounded number of nodes.
 */
export function textOf(element: Element | null | undefined, max: number = LIMITS.text) {
  if (!element) return undefined;
  const parts: string[] = [];
  let length = 0;
  let visited = 0;
  const stack: Node[] = [element];
  while (stack.length > 0 && visited < LIMITS.textNodes && length < max) {
    const node = stack.pop() as Node;
    visited++;
    if (node.nodeType === 3) {
      const data = node.nodeValue ?? '';
      parts.push(data);
      length += data.length;
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    if (SKIPPED.has(el.tagName)) continue;
    if (el.tagName === 'BR') {
      parts.push('\n');
      continue;
    }
    if (el.tagName === 'IMG') {
      parts.push(el.getAttribute('alt') ?? '');
      continue;
    }
    if (el !== element && BLOCKS.has(el.tagName)) parts.push('\n\n');
    const children = el.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Node);
  }
  return clean(parts.join(''), max);
}

/** An attribute, cleaned and capped. */
export function attr(element: Element | null | undefined, name: string, max?: number) {
  return clean(element?.getAttribute(name), max);
}

/** An absolute http(s) URL, or undefined: never `javascript:`, `data:` or `blob:`. */
export function safeUrl(raw: string | null | undefined, base: string): string | undefined {
  if (typeof raw !== 'string' || raw.length > LIMITS.url) return undefined;
  try {
    const url = new URL(raw.trim(), base);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    const href = url.href;
    return href.length <= LIMITS.url ? href : undefined;
  } catch {
    return undefined;
  }
}

const MIN_TIME = Date.UTC(1995, 0, 1);
const MAX_TIME = Date.UTC(2100, 0, 1);

function iso(ms: number): string | undefined {
  return Number.isFinite(ms) && ms >= MIN_TIME && ms < MAX_TIME
    ? new Date(ms).toISOString()
    : undefined;
}

/** A machine-readable date (ISO 8601 with an offset) as UTC ISO 8601; anything else: undefined. */
export function isoFromString(raw: string | null | undefined): string | undefined {
  if (typeof raw !== 'string') return undefined;
  // Only dates that state their zone: a local time without offset would be a guess.
  const value = raw.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    return undefined;
  }
  return iso(Date.parse(value));
}

/** Unix time in seconds (number or digit string) as UTC ISO 8601. */
export function isoFromSeconds(raw: unknown): string | undefined {
  const n = typeof raw === 'string' && /^\d{9,11}$/.test(raw) ? Number(raw) : raw;
  return typeof n === 'number' ? iso(n * 1000) : undefined;
}

/** At most `max` elements matching `selector`, in document order. */
export function elementsOf(root: ParentNode, selector: string, max: number = LIMITS.posts) {
  return Array.from(root.querySelectorAll(selector)).slice(0, max);
}

/** The content of `<meta property=…>` or `<meta name=…>`. */
export function meta(doc: Document, key: string, max?: number) {
  const el =
    doc.querySelector(`meta[property="${key}"]`) ?? doc.querySelector(`meta[name="${key}"]`);
  return attr(el, 'content', max);
}

/** Images and videos as media entries; a video without an http(s) stream is kept by its poster. */
export function mediaOf(elements: Element[], base: string): PostMedia[] {
  const out: PostMedia[] = [];
  for (const el of elements) {
    if (el.tagName === 'VIDEO' || el.tagName.endsWith('-PLAYER')) {
      const poster = safeUrl(el.getAttribute('poster'), base);
      const src = safeUrl(el.getAttribute('src'), base) ?? poster;
      if (src) out.push({ url: src, type: 'video', poster });
    } else {
      const src = safeUrl(el.getAttribute('src'), base);
      if (src) out.push({ url: src, type: 'image' });
    }
  }
  return out;
}
