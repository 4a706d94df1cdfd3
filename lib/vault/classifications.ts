// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Classification } from '../model/classification';
import {
  changedFields,
  classificationJson,
  normalizeClassification,
} from '../model/classification-json';
import { openJson, sealJson, sha256Hex, utf8Encode } from '../crypto/index';
import { adFor, asWriteError, requireKey, type VaultContext } from './context';
import { appendPreparedInTx, prepareCustody } from './custody-store';
import { CustodyConflictError, ItemNotFoundError, VaultCorruptError } from './errors';

// Another writer (a capture, an export) may append between prepare and commit.
const MAX_ATTEMPTS = 5;

/** What saving changed: the field names and the SHA-256 of the new classification.json. */
export interface ClassificationSaved {
  classification: Classification;
  fields: string[];
  sha256: string;
}

async function openRow(
  key: CryptoKey,
  id: string,
  sealed: Parameters<typeof openJson>[1],
): Promise<Classification> {
  const c = await openJson<Classification>(key, sealed, adFor('classifications', id));
  try {
    return normalizeClassification(c);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new VaultCorruptError(`Classification of item ${id} is malformed (${why})`);
  }
}

/** The item's classification, or null when it has none yet. */
export async function getClassification(
  ctx: VaultContext,
  itemId: string,
): Promise<Classification | null> {
  const key = await requireKey(ctx);
  const row = await ctx.db.classifications.get(itemId);
  return row ? openRow(key, row.id, row.sealed) : null;
}

/** Every classification, by item id. */
export async function listClassifications(ctx: VaultContext): Promise<Map<string, Classification>> {
  const key = await requireKey(ctx);
  const out = new Map<string, Classification>();
  for (const row of await ctx.db.classifications.toArray())
    out.set(row.id, await openRow(key, row.id, row.sealed));
  return out;
}

/**
 * Replaces the item's classification and appends an 'annotated' custody event in the same
 * transaction. The event carries field names and a hash only. Evidence files and the item
 * record are not touched. Saving an unchanged classification writes nothing.
 */
export async function saveClassification(
  ctx: VaultContext,
  itemId: string,
  value: Omit<Classification, 'updatedAt'>,
): Promise<ClassificationSaved> {
  const key = await requireKey(ctx);
  if (!(await ctx.db.items.get(itemId))) throw new ItemNotFoundError(`No item ${itemId}`);
  const before = await getClassification(ctx, itemId);
  const at = ctx.now().toISOString();
  const next = normalizeClassification({ ...value, updatedAt: at });
  const fields = changedFields(before, next);
  if (before && fields.length === 0) {
    return {
      classification: before,
      fields,
      sha256: await sha256Hex(utf8Encode(classificationJson(before))),
    };
  }
  const sha256 = await sha256Hex(utf8Encode(classificationJson(next)));
  const sealed = await sealJson(key, next, adFor('classifications', itemId));
  for (let attempt = 1; ; attempt++) {
    const prepared = await prepareCustody(ctx, key, {
      at,
      type: 'annotated',
      itemId,
      details: { itemId, fields, sha256 },
    });
    try {
      await ctx.db.transaction('rw', [ctx.db.classifications, ctx.db.custody], async () => {
        await appendPreparedInTx(ctx.db, prepared);
        await ctx.db.classifications.put({ id: itemId, sealed });
      });
      return { classification: next, fields, sha256 };
    } catch (e) {
      if (e instanceof CustodyConflictError && attempt < MAX_ATTEMPTS) continue;
      throw asWriteError(e, 'Saving the classification', [CustodyConflictError]);
    }
  }
}
