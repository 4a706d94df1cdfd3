// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The evidence model shared by capture, the vault, the bundle writer and the verifier.
 * `ItemJson` is exactly what is written to `items/<id>/item.json` (bundle contract v1).
 */
import type { AllyConsent } from './invitation';

export type FileRole =
  | 'screenshot-visible'
  | 'screenshot-full'
  | 'dom-snapshot'
  | 'page-archive-mhtml'
  /** Self-contained HTML: resources inlined as data: URIs, scripts removed (download only). */
  | 'page-archive-html'
  /** An image of the captured post, or a video's poster frame, as the page served it. */
  | 'media'
  // Single-post and thread captures: the chosen element cut from the page's screenshots, and its
  // outer HTML with scripts removed.
  | 'screenshot-element'
  | 'element-snapshot'
  // Attached after capture (the token is made over the 'captured' custody line), so listed in
  // manifest.json only, never in item.json's files or the 'captured' event.
  | 'timestamp-token'
  | 'timestamp-chain';

export interface EvidenceFile {
  /** Path relative to the item folder: ASCII letters, digits and `._-` only. */
  path: string;
  role: FileRole;
  /** Lower-case hex SHA-256 of the exact bytes, computed at capture before storage. */
  sha256: string;
  bytes: number;
  mediaType: string;
}

export interface CaptureEnvironment {
  userAgent: string;
  browser: { name: string; version: string };
  extensionVersion: string;
  viewport: { width: number; height: number };
  devicePixelRatio: number;
}

export interface Collector {
  name: string;
  fingerprint: string;
  /** Set when a trusted ally captured for a defender (docs/allies.md): the defender's name and key. */
  onBehalfOf?: { name: string; fingerprint: string };
  /** The invitation the ally captured under: scope, dates and the invitation's SHA-256. */
  consent?: AllyConsent;
}

export interface PostAuthor {
  handle?: string;
  displayName?: string;
  id?: string;
  url?: string;
}

export interface PostMedia {
  /** The page's own URL of the file; for a video whose stream is not addressable, its poster. */
  url: string;
  type: 'image' | 'video';
  /** Poster frame of a video, when the page shows one. */
  poster?: string;
  /** SHA-256 and item-folder path of the downloaded image (set by capture, not by the page). */
  sha256?: string;
  path?: string;
  /** SHA-256 and path of a video's downloaded poster frame (the video itself is its URL). */
  posterSha256?: string;
  posterPath?: string;
}

/**
 * A post as the page showed it. Every field is copied from the page, never guessed: a field the
 * page does not expose is absent.
 */
export interface PostFields {
  platform: string;
  id?: string;
  url?: string;
  /** Headline of posts that have one apart from their body (Reddit, YouTube). */
  title?: string;
  text?: string;
  /** UTC, ISO 8601. */
  postedAt?: string;
  /** The date or time exactly as the page displayed it. */
  postedAtRaw?: string;
  author?: PostAuthor;
  /** The post answered: its URL when the page links it, else its id, else the name shown. */
  inReplyTo?: string;
  media?: PostMedia[];
  /** The post quoted (quote post, duet, shared post), one level deep. */
  quoted?: PostFields;
  /** Who reposted (retweet, boost, share) this post into the captured view. */
  repostedBy?: PostAuthor;
}

export interface ItemJson {
  formatVersion: 1;
  id: string;
  /** UTC, ISO 8601 with milliseconds and `Z`. */
  capturedAt: string;
  /** IANA zone of the capturing browser, e.g. `Europe/Paris`. */
  timezone: string;
  source: { url: string; finalUrl: string; title: string };
  environment: CaptureEnvironment;
  collector: Collector;
  files: EvidenceFile[];
  post?: PostFields;
  /** Set when one action made several items (a thread, a profile, every post of a page). */
  group?: ItemGroup;
  /** Plain statements about the capture a reader must know (e.g. "post fields not detected"). */
  notes?: string[];
}

/**
 * Items made by one action share `id`. `index` 0 is the page item; posts follow in page order.
 * `total` is the number planned: a cancelled capture keeps fewer.
 */
export interface ItemGroup {
  id: string;
  kind: 'thread' | 'profile' | 'page';
  index: number;
  total: number;
}

/** Where an evidence file's bytes live in the vault (never exported). */
export interface StoredFileRef extends EvidenceFile {
  blobId: string;
  chunks: number;
}

/** What the vault keeps (sealed) for one capture. */
export interface ItemRecord {
  item: ItemJson;
  storedFiles: StoredFileRef[];
  /** Set on an item imported from an ally's hand-over: the import record that vouches for it. */
  importId?: string;
}
