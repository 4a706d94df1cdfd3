// SPDX-License-Identifier: AGPL-3.0-or-later
import { dsaNotice } from './dsa-notice';
import { escalationCsv, nciiHashesCsv } from './escalation-csv';
import { groupBy, hostKey, isNcii, platformKey, type PackFile, type PackInput } from './pack-model';
import { xarfMessages } from './x-arf';

/** Folder of the pack inside a bundle, and the root of a pack exported alone. */
export const NOTICES_DIR = 'notices';

/**
 * The platform pack: per platform an escalation CSV and a DSA Art. 16 notice, per host an X-ARF
 * report, and the hashes of intimate images. A pure function of metadata, classifications and
 * precomputed hashes: it never sees a file's bytes, so no image or HTML can leak into it.
 */
export function buildPlatformPack(input: PackInput): PackFile[] {
  const files: PackFile[] = [];
  for (const [platform, items] of groupBy(input.items, platformKey)) {
    files.push(
      {
        path: `${NOTICES_DIR}/${platform}-escalation.csv`,
        mediaType: 'text/csv; charset=utf-8; header=present',
        text: escalationCsv(items),
      },
      {
        path: `${NOTICES_DIR}/${platform}-dsa-art16.txt`,
        mediaType: 'text/plain; charset=utf-8',
        text: dsaNotice(platform, items, input),
      },
    );
  }
  for (const [host, items] of groupBy(input.items, hostKey)) {
    files.push({
      path: `${NOTICES_DIR}/${host}-x-arf.txt`,
      mediaType: 'application/mbox',
      text: xarfMessages(host, items, input),
    });
  }
  if (input.items.some(isNcii)) {
    files.push({
      path: `${NOTICES_DIR}/ncii-hashes.csv`,
      mediaType: 'text/csv; charset=utf-8; header=present',
      text: nciiHashesCsv(input.items, input.imageHashes),
    });
  }
  return files;
}
