// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Reading the JSON that platforms embed in their pages. The JSON is page-controlled: it is parsed
 * only from bounded text, walked with bounded effort, and only strings and numbers are taken out.
 */
import { LIMITS } from './read-dom';

/** A JSON value parsed from a script element's text, or undefined. */
export function jsonOf(text: string | null | undefined): unknown {
  if (typeof text !== 'string' || text.length > LIMITS.jsonChars) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** JSON assigned in an inline script, e.g. `var ytInitialPlayerResponse = {...};`. */
export function assignedJson(doc: Document, name: string): unknown {
  for (const script of Array.from(doc.querySelectorAll('script:not([src])')).slice(0, 200)) {
    const text = script.textContent ?? '';
    if (text.length > LIMITS.jsonChars) continue;
    const at = text.indexOf(`${name} = `);
    if (at < 0) continue;
    const start = text.indexOf('{', at);
    const end = text.lastIndexOf('}');
    if (start < 0 || end < start) continue;
    const value = jsonOf(text.slice(start, end + 1));
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The property at `path`, or undefined when any step is missing. */
export function at(value: unknown, ...path: Array<string | number>): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** A string (or a finite number as text) at `path`. */
export function str(value: unknown, ...path: Array<string | number>): string | undefined {
  const v = at(value, ...path);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** An array at `path` (capped), or an empty array. */
export function list(value: unknown, ...path: Array<string | number>): unknown[] {
  const v = at(value, ...path);
  return Array.isArray(v) ? v.slice(0, LIMITS.posts) : [];
}

/**
 * Objects anywhere inside `root` for which `test` holds, breadth first, visiting at most
 * `maxNodes` values: deep or huge page JSON cannot stall the capture.
 */
export function findObjects(
  root: unknown,
  test: (value: Record<string, unknown>) => boolean,
  maxNodes = 200_000,
): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const queue: unknown[] = [root];
  let visited = 0;
  for (let i = 0; i < queue.length && visited < maxNodes; i++) {
    const value = queue[i];
    visited++;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const v of value) if (queue.length < maxNodes) queue.push(v);
      continue;
    }
    const record = value as Record<string, unknown>;
    if (test(record)) {
      found.push(record);
      if (found.length >= LIMITS.posts) break;
    }
    for (const v of Object.values(record)) if (queue.length < maxNodes) queue.push(v);
  }
  return found;
}

/** Parsed JSON of every `<script type="application/json">` (and ld+json when asked), bounded. */
export function jsonScripts(doc: Document, selector = 'script[type="application/json"]') {
  return Array.from(doc.querySelectorAll(selector))
    .slice(0, 300)
    .map((s) => jsonOf(s.textContent))
    .filter((v) => v !== undefined);
}
