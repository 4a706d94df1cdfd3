// SPDX-License-Identifier: AGPL-3.0-or-later
import { sha256HexSync, utf8Encode } from '../crypto/index';
import type { ChainReport, CustodyEvent, CustodyEventInput } from './types';

/** `prev` of the first event, and the head of an empty log. */
export const GENESIS_PREV = '0'.repeat(64);

const HEX64 = /^[0-9a-f]{64}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** Lower-case hex SHA-256 of one line's exact UTF-8 bytes (what `sha256sum` prints for it without a newline). */
export function hashLine(line: string): string {
  return sha256HexSync(utf8Encode(line));
}

/** Builds the next line after `prevLine` (null for the first event), in the fixed key order. */
export function createEventLine(
  prevLine: string | null,
  input: CustodyEventInput,
): { line: string; event: CustodyEvent } {
  if (!ISO_UTC.test(input.at))
    throw new TypeError(`Custody event time must be UTC ISO 8601, got ${input.at}`);
  let seq = 0;
  let prev = GENESIS_PREV;
  if (prevLine !== null) {
    const last = JSON.parse(prevLine) as { seq?: unknown };
    if (typeof last.seq !== 'number' || !Number.isInteger(last.seq) || last.seq < 0) {
      throw new TypeError('Previous custody line has no valid seq');
    }
    seq = last.seq + 1;
    prev = hashLine(prevLine);
  }
  // Built key by key so the serialised order never depends on the caller's object.
  const event: CustodyEvent =
    input.itemId === undefined
      ? { seq, at: input.at, type: input.type, details: input.details, prev }
      : { seq, at: input.at, type: input.type, itemId: input.itemId, details: input.details, prev };
  return { line: JSON.stringify(event), event };
}

/** SHA-256 of the last line; 64 zeros for an empty log. */
export function headOf(lines: readonly string[]): string {
  const last = lines[lines.length - 1];
  return last === undefined ? GENESIS_PREV : hashLine(last);
}

const KEYS_WITH_ITEM = ['seq', 'at', 'type', 'itemId', 'details', 'prev'].join(',');
const KEYS_WITHOUT_ITEM = ['seq', 'at', 'type', 'details', 'prev'].join(',');

function checkLine(line: string, index: number, prevLine: string | undefined): string[] {
  const where = `line ${index + 1}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return [`${where}: not valid JSON`];
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return [`${where}: not a JSON object`];
  const e = parsed as Record<string, unknown>;
  const errors: string[] = [];
  const keys = Object.keys(e).join(',');
  if (keys !== KEYS_WITH_ITEM && keys !== KEYS_WITHOUT_ITEM)
    errors.push(`${where}: unexpected fields or order (${keys})`);
  else if (JSON.stringify(e) !== line) errors.push(`${where}: not in canonical form`);
  if (e.seq !== index) errors.push(`${where}: seq is ${String(e.seq)}, expected ${index}`);
  if (typeof e.at !== 'string' || !ISO_UTC.test(e.at))
    errors.push(`${where}: time is not UTC ISO 8601`);
  if (typeof e.type !== 'string' || e.type === '') errors.push(`${where}: missing type`);
  if ('itemId' in e && typeof e.itemId !== 'string')
    errors.push(`${where}: itemId is not a string`);
  if (typeof e.details !== 'object' || e.details === null)
    errors.push(`${where}: details is not an object`);
  const expectedPrev = prevLine === undefined ? GENESIS_PREV : hashLine(prevLine);
  if (typeof e.prev !== 'string' || !HEX64.test(e.prev))
    errors.push(`${where}: prev is not a lower-case SHA-256`);
  else if (e.prev !== expectedPrev) {
    errors.push(
      prevLine === undefined
        ? `${where}: first event must have prev of 64 zeros`
        : `${where}: prev does not match the SHA-256 of line ${index} (a line was changed, removed, inserted or reordered)`,
    );
  }
  return errors;
}

/**
 * Verifies the whole chain: JSON shape and key order, contiguous seq from 0, and each `prev`
 * equal to the SHA-256 of the previous line's bytes. A change to the LAST line only shows in
 * `head`, so callers must compare `head` with the value recorded elsewhere (manifest, vault).
 */
export function verifyChain(lines: readonly string[]): ChainReport {
  const errors: string[] = [];
  lines.forEach((line, i) =>
    errors.push(...checkLine(line, i, i === 0 ? undefined : lines[i - 1])),
  );
  return { ok: errors.length === 0, errors, head: headOf(lines) };
}
