// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PostFields } from '../model/item';

/** Said in the item when the page's post could not be recognised (kept word for word). */
export const NOTE_NO_POST = 'post fields not detected';

/** One post element of a page and what it shows. */
export interface FoundPost {
  element: Element;
  post: PostFields;
}

/** One platform's reading of its pages; pure functions of the document and its URL. */
export interface PlatformExtractor {
  platform: string;
  /** Whether this extractor reads the page: by host, or by markers in the page. */
  matches(url: URL, doc: Document): boolean;
  /** The page's own post (the permalink or focused post), or undefined. */
  extract(doc: Document, url: string): PostFields | undefined;
  /** Every post element of the page, in document order, with its fields. */
  extractAll(doc: Document, url: string): FoundPost[];
}

/** Whether `host` is `domain` or one of its subdomains. */
export function isHost(host: string, ...domains: string[]): boolean {
  return domains.some((d) => host === d || host.endsWith(`.${d}`));
}

/** The elements matching `selector` under `root` that are not inside `exclude`. */
export function outside(root: Element, selector: string, exclude?: Element): Element[] {
  return Array.from(root.querySelectorAll(selector))
    .slice(0, 500)
    .filter((el) => !exclude || (el !== exclude && !exclude.contains(el)));
}
