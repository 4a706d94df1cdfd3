// SPDX-License-Identifier: AGPL-3.0-or-later
import { createEventLine, type CustodyEvent, type CustodyEventInput } from '../custody/index';
import { open, seal, toHex, utf8Decode, utf8Encode, type Sealed } from '../crypto/index';
import { adFor, asWriteError, requireKey, type VaultContext } from './context';
import { CustodyConflictError, VaultCorruptError } from './errors';
import type { AttestDb, CustodyRow } from './schema';

/** A sealed custody event ready to append, valid only while the log head is still `expectedLast`. */
export interface PreparedCustodyEvent {
  readonly seq: number;
  readonly line: string;
  readonly event: CustodyEvent;
  readonly sealed: Sealed;
  /** The last row when prepared, identified by seq and its (unique) IV. */
  readonly expectedLast: { seq: number; iv: string } | null;
}

export type CustodyInput = Omit<CustodyEventInput, 'at'> & { at?: string };

async function openLine(key: CryptoKey, row: CustodyRow): Promise<string> {
  const line = utf8Decode(await open(key, row.sealed, adFor('custody', row.seq)));
  const parsed = JSON.parse(line) as { seq?: unknown };
  if (parsed.seq !== row.seq)
    throw new VaultCorruptError(`Custody record ${row.seq} holds event ${String(parsed.seq)}`);
  return line;
}

/** All custody lines in order, decrypted. */
export async function readCustodyLines(ctx: VaultContext): Promise<string[]> {
  const key = await requireKey(ctx);
  const rows = await ctx.db.custody.orderBy('seq').toArray();
  const lines: string[] = [];
  for (const row of rows) lines.push(await openLine(key, row));
  return lines;
}

/** The log's last row and its line, as read before a write (null for an empty log). */
export interface CustodyHead {
  readonly last: CustodyRow | undefined;
  readonly line: string | null;
}

/** Reads and opens the log's last row, so an event can be prepared on it later. */
export async function readCustodyHead(ctx: VaultContext, key: CryptoKey): Promise<CustodyHead> {
  const last = await ctx.db.custody.orderBy('seq').last();
  return { last, line: last ? await openLine(key, last) : null };
}

/** Builds and seals the event that follows `head` (no write). */
export async function prepareCustodyOn(
  ctx: VaultContext,
  key: CryptoKey,
  head: CustodyHead,
  input: CustodyInput,
): Promise<PreparedCustodyEvent> {
  const { last } = head;
  const { line, event } = createEventLine(head.line, {
    ...input,
    at: input.at ?? ctx.now().toISOString(),
  });
  const sealed = await seal(key, utf8Encode(line), adFor('custody', event.seq));
  return {
    seq: event.seq,
    line,
    event,
    sealed,
    expectedLast: last ? { seq: last.seq, iv: toHex(last.sealed.iv) } : null,
  };
}

/** Builds and seals the next event against the current head (no write). */
export async function prepareCustody(
  ctx: VaultContext,
  key: CryptoKey,
  input: CustodyInput,
): Promise<PreparedCustodyEvent> {
  return prepareCustodyOn(ctx, key, await readCustodyHead(ctx, key), input);
}

/** Builds and seals the event that follows `prev` (prepared, not yet appended), for one transaction. */
export async function prepareCustodyAfter(
  key: CryptoKey,
  prev: PreparedCustodyEvent,
  input: CustodyEventInput,
): Promise<PreparedCustodyEvent> {
  const { line, event } = createEventLine(prev.line, input);
  const sealed = await seal(key, utf8Encode(line), adFor('custody', event.seq));
  return {
    seq: event.seq,
    line,
    event,
    sealed,
    expectedLast: { seq: prev.seq, iv: toHex(prev.sealed.iv) },
  };
}

/**
 * Appends a prepared event; call only inside a rw transaction that includes `custody`.
 * Throws `CustodyConflictError` (aborting the transaction) if the head moved since prepare.
 */
export async function appendPreparedInTx(
  db: AttestDb,
  prepared: PreparedCustodyEvent,
): Promise<void> {
  const last = await db.custody.orderBy('seq').last();
  const now = last ? { seq: last.seq, iv: toHex(last.sealed.iv) } : null;
  const same =
    now === null
      ? prepared.expectedLast === null
      : prepared.expectedLast !== null &&
        now.seq === prepared.expectedLast.seq &&
        now.iv === prepared.expectedLast.iv;
  if (!same) throw new CustodyConflictError();
  await db.custody.add({ seq: prepared.seq, sealed: prepared.sealed });
}

/** Appends a prepared event on its own (e.g. 'exported' after the bundle was saved). */
export async function commitCustody(
  ctx: VaultContext,
  prepared: PreparedCustodyEvent,
): Promise<void> {
  try {
    await ctx.db.transaction('rw', ctx.db.custody, () => appendPreparedInTx(ctx.db, prepared));
  } catch (e) {
    throw asWriteError(e, 'Writing the custody event', [CustodyConflictError]);
  }
}
