// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * What the capture scripts may spend on a page's DOM, and reads of the DOM a hostile page cannot
 * redirect. Runs in the isolated world, inside the injected capture scripts.
 */

/**
 * Pages with more DOM nodes than this get a DOM snapshot of their first nodes only, and no HTML
 * archive, both stated in the item's notes: a capture of any page then takes bounded time and
 * memory (a page of 10^6 nodes took about 3 minutes to capture in Chromium without it).
 */
export const MAX_DOM_NODES = 200_000;

const SHOW_ALL = 0xffffffff;

/**
 * Reads a DOM property or method from the object's prototypes, never from the object itself:
 * elements named `title`, `documentElement` or `createElement` shadow a document's own properties
 * (DOM clobbering) in every world, the isolated one included.
 */
export function fromPrototype<T>(target: object, name: string): T {
  for (let p: unknown = Object.getPrototypeOf(target); p; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (!d) continue;
    // The prototype's accessor, called on the target as a plain property read would be.
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its receiver below
    const getter = d.get;
    if (getter) return Reflect.apply(getter, target, []) as T;
    const value: unknown = d.value;
    return (typeof value === 'function' ? value.bind(target) : value) as T;
  }
  throw new Error(`${name} is not a DOM property`);
}

function walkerOf(root: Node): TreeWalker {
  const doc = root.ownerDocument ?? (root as Document);
  return fromPrototype<Document['createTreeWalker']>(doc, 'createTreeWalker')(root, SHOW_ALL);
}

/** Counts the nodes under `root`, `root` included, stopping once the count exceeds `stopAbove`. */
export function countNodes(root: Node, stopAbove = Infinity): number {
  const walker = walkerOf(root);
  let n = 1;
  while (n <= stopAbove && walker.nextNode()) n++;
  return n;
}

/**
 * An empty document with no browsing context to copy a page into. What is imported into it
 * neither loads (images, video, styles) nor runs nor is upgraded (custom elements), so the page
 * sees nothing of the copy; a clone inside the page's own document would fetch its media again
 * and construct its custom elements, both visible to the page.
 */
export function inertDocument(doc: Document): Document {
  // A clone of the document node alone: same URL (so relative URLs resolve as in the page),
  // no children, no browsing context.
  return fromPrototype<Node['cloneNode']>(doc, 'cloneNode')(false) as Document;
}

/**
 * A deep clone of `root` holding at most `maxNodes` nodes: all of them when the tree is that
 * small, else the first ones in document order (each kept node keeps its place in the tree).
 */
export function cloneWithin(
  root: Element,
  maxNodes: number,
): { clone: Element; kept: number; total: number } {
  const total = countNodes(root);
  const inert = inertDocument(root.ownerDocument);
  if (total <= maxNodes) return { clone: inert.importNode(root, true), kept: total, total };
  const clone = inert.importNode(root, false);
  const copies = new Map<Node, Node>([[root, clone]]);
  const walker = walkerOf(root);
  let kept = 1;
  // Pre-order: a node's parent is always copied before the node.
  for (let node = walker.nextNode(); node && kept < maxNodes; node = walker.nextNode()) {
    const parent = node.parentNode ? copies.get(node.parentNode) : undefined;
    if (!parent) continue;
    const copy = inert.importNode(node, false);
    parent.appendChild(copy);
    copies.set(node, copy);
    kept++;
  }
  return { clone, kept, total };
}

/** The item's note for a DOM larger than the cap. */
export function truncationNote(what: string, kept: number, total: number): string {
  return `${what}: the page has ${total} DOM nodes, over the limit of ${MAX_DOM_NODES}; only the first ${kept} in document order are kept`;
}
