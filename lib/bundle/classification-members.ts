// SPDX-License-Identifier: AGPL-3.0-or-later
import { utf8Encode } from '../crypto/bytes';
import { sha256Hex } from '../crypto/hash';
import type { Classification } from '../model/classification';
import { classificationJson } from '../model/classification-json';
import type { ItemJson } from '../model/item';
import { ExportError } from './errors';
import type { ManifestFile } from './manifest';
import { isSafeBundlePath, itemPath } from './paths';

type Member = ManifestFile & { data: Uint8Array };

/** Name of the classification file in an item's folder. */
export const CLASSIFICATION_FILE = 'classification.json';

/**
 * `items/<id>/classification.json`: the exact bytes whose SHA-256 the item's last 'annotated'
 * custody event records, so a reader can match the file to the edit that produced it.
 */
export async function classificationMember(item: ItemJson, c: Classification): Promise<Member> {
  if (item.files.some((f) => f.path === CLASSIFICATION_FILE))
    throw new ExportError(
      `export refused: item ${item.id} has a file named ${CLASSIFICATION_FILE}`,
    );
  const data = utf8Encode(classificationJson(c));
  return {
    path: itemPath(item.id, CLASSIFICATION_FILE),
    role: 'classification',
    sha256: await sha256Hex(data),
    bytes: data.length,
    mediaType: 'application/json',
    data,
  };
}

/** The platform pack's files (`notices/...`) as bundle members. */
export async function noticeMembers(
  notices: ReadonlyArray<{ path: string; mediaType: string; text: string }>,
): Promise<Member[]> {
  const out: Member[] = [];
  const seen = new Set<string>();
  for (const n of notices) {
    if (!n.path.startsWith('notices/') || !isSafeBundlePath(n.path) || seen.has(n.path))
      throw new ExportError(`export refused: notice path "${n.path}" is not allowed`);
    seen.add(n.path);
    const data = utf8Encode(n.text);
    out.push({
      path: n.path,
      role: 'platform-notice',
      sha256: await sha256Hex(data),
      bytes: data.length,
      mediaType: n.mediaType,
      data,
    });
  }
  return out;
}
