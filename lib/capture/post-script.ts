// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * The post script: injected on demand into the captured page's isolated world (entrypoints/posts.ts).
 * It finds the element to capture (picker, the element under the pointer, or every post) and
 * reports its geometry, sanitized HTML and post fields. The background reads the mode it set in
 * this isolated world's global just before; the page cannot see or set that global.
 */
import type { PostFields } from '../model/item';
import { extractAllPosts, extractPost, NOTE_NO_POST } from '../platforms/select-extractor';
import type { FoundPost } from '../platforms/types';
import { inertDocument } from './dom-budget';
import { sanitizeTree } from './dom-snapshot';
import type { ElementData, PostScriptMode, PostScriptResult } from './element-data';
import { pickElement } from './picker-overlay';

/** The isolated-world global through which the background passes the mode. */
export const MODE_GLOBAL = '__attestPostMode';
const PICKER_TIMEOUT_MS = 3 * 60 * 1000;
const MAX_HTML_CHARS = 5_000_000;

/** Sets the post script's mode; run with `scripting.executeScript({ func, args })` first. */
export function setPostScriptMode(mode: PostScriptMode): boolean {
  (globalThis as Record<string, unknown>)['__attestPostMode'] = mode;
  return true;
}

function readMode(): PostScriptMode {
  const g = globalThis as Record<string, unknown>;
  const mode = g[MODE_GLOBAL];
  delete g[MODE_GLOBAL];
  return mode === 'hover' || mode === 'all' ? mode : 'pick';
}

function escapeComment(text: string): string {
  return text.replace(/--/g, '-\u2010').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
}

function elementHtml(el: Element, url: string): string {
  const clone = inertDocument(el.ownerDocument).importNode(el, true);
  sanitizeTree(clone);
  const header =
    `<!-- Attest element snapshot. Scripts and event handlers removed.\n` +
    `     URL: ${escapeComment(url)} -->\n<base href="${url.replace(/"/g, '%22')}">\n`;
  return `${header}${clone.outerHTML.slice(0, MAX_HTML_CHARS - header.length)}\n`;
}

/** Geometry, inert HTML and post fields of one element. */
export function describeElement(win: Window, el: Element, post?: PostFields): ElementData {
  const r = el.getBoundingClientRect();
  const url = win.location.href;
  const html = elementHtml(el, url);
  const notes = post ? [] : [NOTE_NO_POST];
  if (html.length >= MAX_HTML_CHARS) notes.push(`element HTML cut at ${MAX_HTML_CHARS} characters`);
  return {
    rect: { x: r.left, y: r.top, width: r.width, height: r.height },
    scroll: { x: win.scrollX, y: win.scrollY },
    viewport: { width: win.innerWidth, height: win.innerHeight },
    devicePixelRatio: win.devicePixelRatio,
    html,
    ...(post ? { post } : {}),
    notes,
  };
}

function postAround(posts: FoundPost[], el: Element): FoundPost | undefined {
  // The innermost post: a quoted post sits inside the post that quotes it.
  let best: FoundPost | undefined;
  for (const p of posts) {
    if (p.element === el || p.element.contains(el)) {
      if (!best || best.element.contains(p.element)) best = p;
    }
  }
  return best;
}

function deepestHovered(doc: Document): Element | null {
  const hovered = doc.querySelectorAll(':hover');
  return hovered.length > 0 ? (hovered[hovered.length - 1] ?? null) : null;
}

function hint(): string {
  const api = (globalThis as { chrome?: { i18n?: { getMessage(k: string): string } } }).chrome;
  return api?.i18n?.getMessage('pickerHint') || 'Click the post to capture · Esc to cancel';
}

/** Runs the post script in `win` for the mode the background set. */
export async function runPostScript(win: Window): Promise<PostScriptResult> {
  const mode = readMode();
  const doc = win.document;
  const url = win.location.href;
  let posts = extractAllPosts(doc, url);
  if (mode === 'all') {
    let pagePost = false;
    try {
      pagePost = extractPost(doc, url).post !== undefined;
    } catch {
      pagePost = false;
    }
    return {
      kind: 'all',
      pagePost,
      elements: posts.map((p) => describeElement(win, p.element, p.post)),
    };
  }
  let preselect: Element | undefined;
  if (mode === 'hover') {
    // After a right click the pointer still rests on the post: `:hover` says where it is, with
    // no listener having watched the page before.
    const hovered = deepestHovered(doc);
    const found = hovered ? postAround(posts, hovered) : undefined;
    if (found) return { kind: 'element', element: describeElement(win, found.element, found.post) };
    preselect = hovered ?? undefined;
  }
  let refreshed = Date.now();
  const chosen = await pickElement(win, {
    hint: hint(),
    timeoutMs: PICKER_TIMEOUT_MS,
    ...(preselect ? { preselect } : {}),
    snap(target) {
      // Feeds load more posts while the user scrolls: look again, at most twice a second.
      if (!postAround(posts, target) && Date.now() - refreshed > 500) {
        posts = extractAllPosts(doc, url);
        refreshed = Date.now();
      }
      return postAround(posts, target)?.element ?? null;
    },
  });
  if (!chosen) return { kind: 'cancelled' };
  const found = postAround(posts, chosen);
  // A widened choice (the post and its replies) keeps the fields of the post it contains.
  const post = found?.post ?? posts.find((p) => chosen.contains(p.element))?.post;
  return { kind: 'element', element: describeElement(win, chosen, post) };
}
