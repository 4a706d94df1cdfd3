// SPDX-License-Identifier: AGPL-3.0-or-later
import { utf8Decode, utf8Encode } from '../crypto/bytes';
import { sha256Hex } from '../crypto/hash';
import { verifyTimestampResponse } from '../crypto/timestamp';
import { capturedEvents } from './custody-items';
import type { BundleManifest } from './manifest';
import { itemPath } from './paths';
import { check, type CheckResult, type TimestampReport } from './report';
import type { BundleContents } from './scan';

/** The optional per-item timestamp files (docs/bundle-format.md §9a). */
export const TIMESTAMP_FILES = { token: 'timestamp.tsr', chain: 'timestamp-chain.pem' } as const;

/** The last 'captured' custody line of an item, exactly as written (what the token covers). */
export function capturedLineOf(lines: readonly string[], itemId: string): string | undefined {
  return capturedEvents(lines)
    .filter((e) => e.itemId === itemId)
    .at(-1)?.line;
}

/** Checks one item's token against the SHA-256 of its 'captured' line and the chain shipped. */
export async function checkItemTimestamp(options: {
  itemId: string;
  response: Uint8Array;
  chainPem: string;
  custodyLines: readonly string[];
}): Promise<TimestampReport> {
  const { itemId } = options;
  const line = capturedLineOf(options.custodyLines, itemId);
  if (line === undefined)
    return { itemId, ok: false, errors: [`item ${itemId}: a timestamp but no 'captured' event`] };
  const digest = await sha256Hex(utf8Encode(line));
  const v = await verifyTimestampResponse({
    response: options.response,
    sha256Hex: digest,
    chainPem: options.chainPem,
  });
  return {
    itemId,
    ok: v.ok,
    digest,
    genTime: v.genTime,
    tsaName: v.tsaName,
    serial: v.serial,
    policy: v.policy,
    root: v.root,
    errors: v.errors.map((e) => `item ${itemId}: timestamp: ${e}`),
  };
}

/**
 * The `timestamps` check over every manifest item that carries a timestamp file. Returns no
 * check at all when no item does, so reports of bundles without timestamps are unchanged.
 * `logOf` gives the custody log that recorded an item's capture: the bundle's own, or for an
 * item another collector vouches for, that collector's (docs/bundle-format.md §9e).
 */
export async function checkTimestamps(
  contents: BundleContents,
  manifest: BundleManifest | undefined,
  logOf: (itemId: string) => readonly string[],
): Promise<{ result?: CheckResult; timestamps: TimestampReport[] }> {
  const timestamps: TimestampReport[] = [];
  for (const { id } of manifest?.items ?? []) {
    const tokenPath = itemPath(id, TIMESTAMP_FILES.token);
    const chainPath = itemPath(id, TIMESTAMP_FILES.chain);
    if (!contents.present.has(tokenPath) && !contents.present.has(chainPath)) continue;
    const response = contents.texts.get(tokenPath);
    const chain = contents.texts.get(chainPath);
    let chainPem: string | undefined;
    try {
      chainPem = chain && utf8Decode(chain);
    } catch {
      chainPem = undefined;
    }
    if (!response || chainPem === undefined) {
      const errors = [
        `item ${id}: ${TIMESTAMP_FILES.token} and ${TIMESTAMP_FILES.chain} must come together (chain as UTF-8 PEM)`,
      ];
      timestamps.push({ itemId: id, ok: false, errors });
      continue;
    }
    timestamps.push(
      await checkItemTimestamp({ itemId: id, response, chainPem, custodyLines: logOf(id) }),
    );
  }
  if (timestamps.length === 0) return { timestamps };
  const good = timestamps.filter((t) => t.ok);
  const summary = good
    .map(
      (t) =>
        `${t.itemId} at ${t.genTime ?? '?'} by ${t.tsaName ?? '?'} (root ${t.root?.subject ?? '?'})`,
    )
    .join('; ');
  return {
    result: check(
      'timestamps',
      `${good.length} RFC 3161 timestamp(s) valid over the items' 'captured' lines: ${summary}. ` +
        "Each chain came with the bundle: trust a time only if its root is the authority's published root",
      timestamps.flatMap((t) => t.errors),
    ),
    timestamps,
  };
}
