// SPDX-License-Identifier: AGPL-3.0-or-later
import { CLASSIFICATION_FILE } from './classification-members';
import { annotatedHashes } from './custody-items';
import type { BundleManifest } from './manifest';
import { itemPath } from './paths';
import { check, type CheckResult } from './report';
import type { BundleContents } from './scan';

/**
 * Each item's `classification.json` is the one its last 'annotated' custody event recorded
 * (docs/bundle-format.md §9c): an edit made outside the vault, or a classification dropped from
 * the bundle, shows here even when the bundle was signed again with the collector's key. No check
 * at all when no item of the bundle was ever classified, so older bundles report as before.
 */
export function checkClassifications(
  contents: BundleContents,
  manifest: BundleManifest | undefined,
  lines: readonly string[],
): CheckResult | undefined {
  if (!manifest) return undefined;
  const logged = annotatedHashes(lines);
  const errors: string[] = [];
  let checked = 0;
  for (const { id } of manifest.items) {
    const path = itemPath(id, CLASSIFICATION_FILE);
    const actual = contents.present.get(path)?.sha256;
    if (actual === undefined && !logged.has(id)) continue;
    checked++;
    const recorded = logged.get(id);
    if (actual === undefined)
      errors.push(`item ${id}: the custody log records a classification, ${path} is missing`);
    else if (recorded === undefined)
      errors.push(`${path} has no 'annotated' event in the custody log`);
    else if (recorded === null)
      errors.push(`item ${id}: the last 'annotated' event records no SHA-256 of ${path}`);
    else if (recorded !== actual)
      errors.push(
        `${path} is not the classification the custody log recorded last (SHA-256 ${actual}, the 'annotated' event says ${recorded})`,
      );
  }
  if (checked === 0) return undefined;
  return check(
    'classifications',
    `${checked} classification files match their last 'annotated' custody events`,
    errors,
  );
}
