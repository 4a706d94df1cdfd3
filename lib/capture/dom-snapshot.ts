// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Serializes a document as inert HTML: what the page showed, without anything that could run when
 * the snapshot is opened later (scripts, inline handlers, `javascript:` URLs, refresh redirects).
 * Runs inside the capture script (isolated world), so it only uses DOM APIs of the given document.
 */

import { cloneWithin, fromPrototype, MAX_DOM_NODES, truncationNote } from './dom-budget';

export interface SnapshotOptions {
  url: string;
  capturedAt: string;
  /** At most this many nodes are kept (default MAX_DOM_NODES); the notes say when some were not. */
  maxNodes?: number;
}

const REMOVED_ELEMENTS = [
  'script',
  'noscript',
  'meta[http-equiv="refresh" i]',
  'link[rel~="modulepreload" i]',
  'link[rel~="preload" i][as="script" i]',
  'link[rel~="import" i]',
].join(',');

const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'data',
  'srcdoc',
]);

function isScriptUrl(value: string): boolean {
  // Browsers ignore ASCII whitespace and control characters inside the scheme.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const normalized = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
  return normalized.startsWith('javascript:') || normalized.startsWith('vbscript:');
}

function stripAttributes(element: Element): void {
  for (const attribute of Array.from(element.attributes)) {
    const name = attribute.name.toLowerCase();
    if (name.startsWith('on')) {
      element.removeAttribute(attribute.name);
    } else if (name === 'srcdoc') {
      // An iframe's srcdoc is a whole document that may carry scripts: drop it.
      element.removeAttribute(attribute.name);
    } else if (URL_ATTRIBUTES.has(name) && isScriptUrl(attribute.value)) {
      element.removeAttribute(attribute.name);
    }
  }
}

/** Removes executable content from a detached element tree, in place. */
export function sanitizeTree(root: Element): void {
  for (const element of Array.from(root.querySelectorAll(REMOVED_ELEMENTS))) element.remove();
  stripAttributes(root);
  for (const element of Array.from(root.querySelectorAll('*'))) stripAttributes(element);
}

function escapeComment(text: string): string {
  // `--` may not appear in a comment; `>` right after `<!--` would end it early.
  return text.replace(/--/g, '-\u2010').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
}

function doctypeOf(doc: Document): string {
  const type = fromPrototype<DocumentType | null>(doc, 'doctype');
  if (!type) return '';
  const publicId = type.publicId ? ` PUBLIC "${type.publicId}"` : '';
  const systemId = type.systemId ? `${publicId ? '' : ' SYSTEM'} "${type.systemId}"` : '';
  return `<!DOCTYPE ${type.name}${publicId}${systemId}>\n`;
}

/**
 * Returns the document as HTML with scripts and handlers removed, a `<base href>` so relative
 * links resolve to the original site, and a header comment with the URL and capture time; and a
 * note when the page was over the node limit and only its first nodes are in the snapshot.
 */
export function snapshotPage(
  doc: Document,
  options: SnapshotOptions,
): { html: string; notes: string[] } {
  const root = fromPrototype<Element>(doc, 'documentElement');
  const { clone, kept, total } = cloneWithin(root, options.maxNodes ?? MAX_DOM_NODES);
  const notes = kept < total ? [truncationNote('DOM snapshot', kept, total)] : [];
  sanitizeTree(clone);
  const createElement = fromPrototype<Document['createElement']>(doc, 'createElement');
  let head = clone.querySelector('head');
  if (!head) {
    head = createElement('head');
    clone.insertBefore(head, clone.firstChild);
  }
  for (const base of Array.from(head.querySelectorAll('base'))) base.remove();
  const base = createElement('base');
  base.setAttribute('href', options.url);
  head.insertBefore(base, head.firstChild);
  const header =
    `<!-- Attest DOM snapshot. Scripts and event handlers removed.\n` +
    `     URL: ${escapeComment(options.url)}\n` +
    `     Captured: ${escapeComment(options.capturedAt)} -->\n`;
  return { html: `${doctypeOf(doc)}${header}${clone.outerHTML}\n`, notes };
}
