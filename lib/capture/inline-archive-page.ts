// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Builds the self-contained HTML archive inside the page (isolated world, injected on demand):
 * a clone of the live document with images, stylesheets (@import and url() included), fonts,
 * favicons, video posters and canvases inlined as data: URIs, same-origin frames inlined as
 * sandboxed `srcdoc`, and every script removed. Whatever could not be inlined is not left
 * pointing at the web either, so opening the archive later fetches nothing.
 */
import { escapeStyleText, findCssRefs, isInlineOrLocal, replaceCssRefs } from './css-urls';
import { fromPrototype, inertDocument } from './dom-budget';
import { sanitizeTree } from './dom-snapshot';
import { toDataUri, type InlineFetcher, type InlineLimits } from './inline-fetch';

export interface InlineOptions extends InlineLimits {
  capturedAt: string;
  maxFrameDepth: number;
}

/** The archive and what it had to leave out; or why there is none. */
export type InlineResult = { html: string; notes: string[] } | { skipped: string };

/** Nothing may load from the network, and nothing may run, when the archive is opened. */
export const ARCHIVE_CSP =
  "default-src 'none'; img-src data:; style-src 'unsafe-inline' data:; font-src data:; media-src data:";

const DROPPED_LINKS =
  /\b(preload|prefetch|modulepreload|preconnect|dns-prefetch|prerender|manifest)\b/i;
const MAX_CSS_DEPTH = 5;

/** One archive's fetcher, options and count of frames left out. */
export interface InlineContext {
  fetcher: InlineFetcher;
  options: InlineOptions;
  framesSkipped: number;
}

function absolute(url: string, base: string): string | undefined {
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

async function dataUriOf(ctx: InlineContext, url: string | undefined): Promise<string | undefined> {
  if (!url) return undefined;
  const got = await ctx.fetcher.get(url);
  return got ? toDataUri(got.contentType, got.bytes) : undefined;
}

async function inlineCss(
  ctx: InlineContext,
  css: string,
  base: string,
  depth = 0,
): Promise<string> {
  const refs = findCssRefs(css);
  const replacements = await Promise.all(
    refs.map(async (ref): Promise<string | undefined> => {
      if (isInlineOrLocal(ref.url)) return undefined;
      const url = absolute(ref.url, base);
      if (ref.kind === 'import') {
        const got = url && depth < MAX_CSS_DEPTH ? await ctx.fetcher.get(url) : undefined;
        if (!got || !url) return 'about:invalid';
        const text = new TextDecoder().decode(got.bytes);
        const inner = await inlineCss(ctx, text, url, depth + 1);
        return toDataUri('text/css', new TextEncoder().encode(inner));
      }
      return (await dataUriOf(ctx, url)) ?? 'about:invalid';
    }),
  );
  return replaceCssRefs(css, refs, replacements);
}

/** Moves an attribute that could not be inlined out of the browser's reach, keeping it legible. */
function park(el: Element, name: string): void {
  const value = el.getAttribute(name);
  el.removeAttribute(name);
  if (value !== null) el.setAttribute(`data-attest-${name.replace(':', '-')}`, value);
}

async function setInlined(ctx: InlineContext, el: Element, name: string, url: string | undefined) {
  const data = await dataUriOf(ctx, url);
  if (data) el.setAttribute(name, data);
  else park(el, name);
}

async function inlineFrame(ctx: InlineContext, clone: Element, live: Element, depth: number) {
  park(clone, 'src');
  clone.setAttribute('sandbox', '');
  let doc: Document | null = null;
  try {
    doc = (live as HTMLIFrameElement).contentDocument;
  } catch {
    doc = null;
  }
  if (!doc?.documentElement || depth >= ctx.options.maxFrameDepth) {
    ctx.framesSkipped++;
    return;
  }
  clone.setAttribute('srcdoc', await inlineTree(ctx, doc, depth + 1));
}

function taskFor(ctx: InlineContext, clone: Element, live: Element, base: string, depth: number) {
  const tag = clone.localName;
  const src = (name: string) => {
    const value = clone.getAttribute(name);
    return value === null ? undefined : absolute(value, base);
  };
  const tasks: Array<Promise<unknown>> = [];
  if (clone.hasAttribute('style')) {
    const style = clone.getAttribute('style') ?? '';
    tasks.push(inlineCss(ctx, style, base).then((css) => clone.setAttribute('style', css)));
  }
  if (tag === 'img') {
    // currentSrc is the candidate of srcset/picture the browser chose: what the user saw.
    const current = (live as HTMLImageElement).currentSrc;
    for (const name of ['srcset', 'sizes', 'loading']) clone.removeAttribute(name);
    tasks.push(setInlined(ctx, clone, 'src', current ? absolute(current, base) : src('src')));
  } else if (tag === 'source') {
    park(clone, 'src');
    park(clone, 'srcset');
  } else if (tag === 'video' || tag === 'audio') {
    park(clone, 'src');
    if (clone.hasAttribute('poster')) tasks.push(setInlined(ctx, clone, 'poster', src('poster')));
  } else if (tag === 'input' && clone.getAttribute('type')?.toLowerCase() === 'image') {
    tasks.push(setInlined(ctx, clone, 'src', src('src')));
  } else if (tag === 'link') {
    const rel = clone.getAttribute('rel') ?? '';
    if (/\bstylesheet\b/i.test(rel)) tasks.push(inlineStylesheet(ctx, clone, src('href')));
    else if (/\bicon\b/i.test(rel)) tasks.push(setInlined(ctx, clone, 'href', src('href')));
    else if (DROPPED_LINKS.test(rel)) clone.remove();
  } else if (tag === 'style') {
    const css = clone.textContent ?? '';
    tasks.push(inlineCss(ctx, css, base).then((out) => (clone.textContent = escapeStyleText(out))));
  } else if (tag === 'iframe' || tag === 'frame') {
    tasks.push(inlineFrame(ctx, clone, live, depth));
  } else if (tag === 'object' || tag === 'embed') {
    park(clone, 'data');
    park(clone, 'src');
  } else if (tag === 'image' || (tag === 'feimage' && clone.namespaceURI?.includes('svg'))) {
    const name = clone.hasAttribute('href') ? 'href' : 'xlink:href';
    const value = clone.getAttribute(name);
    if (value && !value.startsWith('#') && !value.startsWith('data:'))
      tasks.push(setInlined(ctx, clone, name, src(name)));
  } else if (tag === 'a' || tag === 'area') {
    // Links are not loaded, but the reader needs them whole: the archive has no <base>.
    const href = (live as HTMLAnchorElement).href;
    if (href) clone.setAttribute('href', href);
  } else if (tag === 'canvas') {
    try {
      const img = clone.ownerDocument.createElement('img');
      for (const a of Array.from(clone.attributes)) img.setAttribute(a.name, a.value);
      img.setAttribute('src', (live as HTMLCanvasElement).toDataURL('image/png'));
      clone.replaceWith(img);
    } catch {
      // A canvas painted from another origin is tainted and cannot be read: left empty.
    }
  }
  if (clone.hasAttribute('background'))
    tasks.push(setInlined(ctx, clone, 'background', src('background')));
  return tasks;
}

async function inlineStylesheet(ctx: InlineContext, link: Element, url: string | undefined) {
  const got = url ? await ctx.fetcher.get(url) : undefined;
  if (!got || !url) {
    park(link, 'href');
    return;
  }
  const css = await inlineCss(ctx, new TextDecoder().decode(got.bytes), url);
  const style = link.ownerDocument.createElement('style');
  const media = link.getAttribute('media');
  if (media) style.setAttribute('media', media);
  style.setAttribute('data-attest-href', url);
  style.textContent = escapeStyleText(css);
  link.replaceWith(style);
}

function prepareHead(clone: Element): void {
  let head = clone.querySelector('head');
  if (!head) {
    head = clone.ownerDocument.createElement('head');
    clone.insertBefore(head, clone.firstChild);
  }
  const stale =
    'base, meta[charset], meta[http-equiv="content-type" i], meta[http-equiv="content-security-policy" i]';
  for (const el of Array.from(clone.querySelectorAll(stale))) el.remove();
  const charset = clone.ownerDocument.createElement('meta');
  charset.setAttribute('charset', 'utf-8');
  const csp = clone.ownerDocument.createElement('meta');
  csp.setAttribute('http-equiv', 'Content-Security-Policy');
  csp.setAttribute('content', ARCHIVE_CSP);
  head.prepend(charset, csp);
}

function doctypeOf(doc: Document): string {
  const t = fromPrototype<DocumentType | null>(doc, 'doctype');
  if (!t) return '';
  const pub = t.publicId ? ` PUBLIC "${t.publicId}"` : '';
  const sys = t.systemId ? `${pub ? '' : ' SYSTEM'} "${t.systemId}"` : '';
  return `<!DOCTYPE ${t.name}${pub}${sys}>`;
}

/** The document (a frame's at `depth`) cloned, inlined and serialised with its doctype. */
export async function inlineTree(
  ctx: InlineContext,
  doc: Document,
  depth: number,
): Promise<string> {
  const live = fromPrototype<Element>(doc, 'documentElement');
  const clone = inertDocument(doc).importNode(live, true);
  // Clone and original have the same elements in the same order until anything is removed.
  const lives = [live, ...Array.from(live.querySelectorAll('*'))];
  const clones = [clone, ...Array.from(clone.querySelectorAll('*'))];
  sanitizeTree(clone);
  const base = fromPrototype<string>(doc, 'baseURI');
  const tasks = clones.flatMap((c, i) => {
    const l = lives[i];
    return l && clone.contains(c) ? taskFor(ctx, c, l, base, depth) : [];
  });
  await Promise.all(tasks);
  prepareHead(clone);
  return `${doctypeOf(doc)}\n${clone.outerHTML}`;
}
