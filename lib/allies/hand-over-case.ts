// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  exportBundle,
  type ExportDeps,
  type ExportResult,
  type PreparedCustodyLike,
} from '../export/export-bundle';
import type { AcceptedInvitation } from '../model/invitation';

export interface HandOverVault {
  invitations(): Promise<{ accepted: AcceptedInvitation[] }>;
  itemCases(): Promise<Map<string, string>>;
  deleteItems(input: { caseId: string; bundleId: string; itemIds: string[] }): Promise<void>;
}

export interface CaseHandOverResult extends ExportResult {
  /** How many captures were handed over (their ids), and whether the local copies were deleted. */
  items: number;
  itemIds: string[];
  deleted: boolean;
}

/**
 * Ally side: exports every capture of an invited case as a bundle signed by the ally and
 * encrypted to the defender's key (the one in the invitation), then, unless `keepLocalCopies`,
 * deletes the local copies and logs it. The deletion runs only after the file was saved.
 */
export async function handOverCase<P extends PreparedCustodyLike>(
  deps: ExportDeps<P> & { allies: HandOverVault },
  caseId: string,
  options: { keepLocalCopies?: boolean } = {},
): Promise<CaseHandOverResult> {
  const bound = (await deps.allies.invitations()).accepted.find((a) => a.caseId === caseId);
  if (!bound) throw new Error('This case was not opened from an invitation');
  const cases = await deps.allies.itemCases();
  const itemIds = [...cases].filter(([, c]) => c === caseId).map(([id]) => id);
  if (itemIds.length === 0) throw new Error('This case has no captures to hand over');
  const { defender, defenderKey } = bound.invitation;
  const result = await exportBundle(deps, itemIds, {
    recipients: [
      { fingerprint: defender.fingerprint, label: defender.name, publicKeyArmored: defenderKey },
    ],
  });
  const keep = options.keepLocalCopies === true;
  if (!keep) await deps.allies.deleteItems({ caseId, bundleId: result.bundleId, itemIds });
  return { ...result, items: itemIds.length, itemIds, deleted: !keep };
}
