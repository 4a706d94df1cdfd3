// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Category, Classification } from '../model/classification';
import type { EvidenceFile, ItemJson } from '../model/item';

/** One capture as the platform pack sees it: metadata and classification, never file bytes. */
export interface PackItem {
  item: ItemJson;
  classification: Classification | null;
}

/** SHA-256 (from capture) and PDQ of one image of an intimate-imagery item. */
export interface ImageHash {
  /** Path inside the evidence bundle, e.g. `items/<id>/screenshot-visible.png`. */
  file: string;
  sha256: string;
  /** 64 hex digits, absent when the image could not be decoded. */
  pdq?: string;
  quality?: number;
}

export interface PackInput {
  items: PackItem[];
  /** Who sends the notices (DSA Art. 16(2)(c)). */
  notifier: { name: string; email?: string };
  /** UTC ISO 8601. */
  createdAt: string;
  /** Image hashes of intimate-imagery items, by item id (see ncii-image-hashes.ts). */
  imageHashes: ReadonlyMap<string, readonly ImageHash[]>;
  generator: { name: string; version: string };
}

/** A file of the pack, relative to the bundle root (`notices/...`). */
export interface PackFile {
  path: string;
  mediaType: string;
  text: string;
}

/**
 * Intimate imagery: the flag, or the category that implies it. Such items leave the vault only as
 * URL, ids, category and hashes; never their images, HTML, text or notes.
 */
export function isNcii(p: PackItem): boolean {
  const c = p.classification;
  return c?.intimateImagery === true || c?.category === 'image-based-sexual-abuse';
}

/** The address a platform acts on: the post's own URL when recognised, else the captured page. */
export function locationOf(item: ItemJson): string {
  return item.post?.url ?? item.source.finalUrl ?? item.source.url;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

// File names in a bundle are ASCII letters, digits and `._-` only (docs/bundle-format.md).
function segment(s: string): string {
  const cleaned = s
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '');
  return cleaned || 'unknown';
}

/** Which platform a capture belongs to: the recognised platform, else the page's host. */
export function platformKey(item: ItemJson): string {
  return segment(item.post?.platform ?? hostOf(item.source.finalUrl || item.source.url));
}

/** Which hosting provider serves it (X-ARF is addressed per host). */
export function hostKey(item: ItemJson): string {
  return segment(hostOf(locationOf(item)));
}

/** Items grouped by `key`, groups and items in a stable order. */
export function groupBy(items: PackItem[], key: (i: ItemJson) => string): Map<string, PackItem[]> {
  const out = new Map<string, PackItem[]>();
  const sorted = [...items].sort(
    (a, b) =>
      a.item.capturedAt.localeCompare(b.item.capturedAt) || a.item.id.localeCompare(b.item.id),
  );
  for (const p of sorted) {
    const k = key(p.item);
    out.set(k, [...(out.get(k) ?? []), p]);
  }
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

const SCREENSHOT_ROLES: ReadonlyArray<EvidenceFile['role']> = [
  'screenshot-element',
  'screenshot-visible',
  'screenshot-full',
];

/** The screenshot a reviewer should look at first: the post itself, else the visible tab. */
export function mainScreenshot(item: ItemJson): EvidenceFile | undefined {
  for (const role of SCREENSHOT_ROLES) {
    const f = item.files.find((x) => x.role === role);
    if (f) return f;
  }
  return undefined;
}

/** Bundle path of an item's file. */
export function bundlePath(itemId: string, path: string): string {
  return `items/${itemId}/${path}`;
}

/** English names of the categories: notices go to trust & safety teams who work in English. */
export const CATEGORY_LABELS: Readonly<Record<Category, string>> = {
  harassment: 'Harassment',
  'threat-of-violence': 'Threat of violence',
  doxxing: 'Doxxing (publication of private information)',
  impersonation: 'Impersonation',
  'defamation-smear': 'Defamation / smear campaign',
  'hate-speech': 'Hate speech',
  'coordinated-campaign': 'Coordinated inauthentic campaign',
  'image-based-sexual-abuse': 'Image-based sexual abuse (non-consensual intimate imagery)',
  'sexual-harassment': 'Sexual harassment',
  'hacking-account-takeover': 'Hacking / account takeover',
  other: 'Other',
};

/** Category label, or "Unclassified". */
export function categoryLabel(c: Classification | null): string {
  return c?.category ? CATEGORY_LABELS[c.category] : 'Unclassified';
}

/** "FR, Code pénal, art. 222-33-2-2 | EU, ..." */
export function legalGroundsText(c: Classification | null): string {
  return (c?.legalGrounds ?? [])
    .map((g) => [g.jurisdiction, g.instrument, g.article].filter(Boolean).join(', '))
    .join(' | ');
}

export const EXPLANATION_MAX = 500;

/** Text cut to `max` characters (code points), with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The fixed explanation of an intimate-imagery item: nothing of what the image shows. */
export const NCII_EXPLANATION =
  'Intimate image shared without consent. Images withheld; match them by the SHA-256 and PDQ ' +
  'hashes in ncii-hashes.csv.';

/** Why the item should be acted on, at most 500 characters. */
export function explanationOf(p: PackItem): string {
  if (isNcii(p)) return NCII_EXPLANATION;
  const c = p.classification;
  const parts = [categoryLabel(c)];
  if (c?.notes) parts.push(c.notes.replace(/\s+/g, ' '));
  return clip(parts.join('. '), EXPLANATION_MAX);
}
