// SPDX-License-Identifier: AGPL-3.0-or-later
// The edits an attacker can make to an exported bundle, one generator per class of issue 5's
// tamper matrix. Each case yields the ZIP bytes to verify; the original bundle is never touched.
import { sha256Hex, signDetached, type Identity } from '../../../lib/crypto/index';
import { headOf } from '../../../lib/custody/index';
import { formatSums } from '../../../lib/bundle/sums';
import { storedZip } from './stored-zip';

export type Files = ReadonlyMap<string, Uint8Array>;

export interface TamperCase {
  cls: string;
  label: string;
  build(): Promise<Uint8Array> | Uint8Array;
  /** For single-file edits: the file as edited, so a miss can be examined with other tools. */
  edited?: { path: string; data: Uint8Array };
}

const enc = new TextEncoder();
const dec = new TextDecoder();
export const pack = (files: Files): Uint8Array => storedZip([...files]);

function edited(files: Files, changes: Record<string, Uint8Array | null>): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const [path, data] of files) {
    if (!(path in changes)) out.set(path, data);
    else if (changes[path] !== null) out.set(path, changes[path] as Uint8Array);
  }
  for (const [path, data] of Object.entries(changes))
    if (data !== null && !files.has(path)) out.set(path, data);
  return out;
}

function flipped(data: Uint8Array, offset: number, bit: number): Uint8Array {
  const copy = data.slice();
  copy[offset] = (copy[offset] ?? 0) ^ (1 << bit);
  return copy;
}

/** Seeded PRNG (mulberry32) so a failing offset can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One bit flipped at every byte offset of `path` (bit = offset mod 8), then re-zipped. */
export function* everyByteFlip(files: Files, path: string): Generator<TamperCase> {
  const data = files.get(path) ?? new Uint8Array();
  for (let i = 0; i < data.length; i++) {
    const changed = flipped(data, i, i % 8);
    yield {
      cls: `bit flip, every byte: ${path}`,
      label: `${path}@${i} bit ${i % 8}`,
      build: () => pack(edited(files, { [path]: changed })),
      edited: { path, data: changed },
    };
  }
}

/** One bit flipped at `count` random offsets of `path`. */
export function* randomFlips(
  files: Files,
  path: string,
  count: number,
  rand: () => number,
): Generator<TamperCase> {
  const data = files.get(path) ?? new Uint8Array();
  for (let k = 0; k < count; k++) {
    const i = Math.floor(rand() * data.length);
    const bit = Math.floor(rand() * 8);
    yield {
      cls: 'bit flip, 1000 random offsets of each large file',
      label: `${path}@${i} bit ${bit}`,
      build: () => pack(edited(files, { [path]: flipped(data, i, bit) })),
    };
  }
}

/**
 * Rebuilds SHA256SUMS (and the manifest's hashes, sizes and custody head) from the current files,
 * as an attacker who edits files but cannot sign would; the old signature is kept.
 */
export async function relisted(files: Map<string, Uint8Array>): Promise<Map<string, Uint8Array>> {
  const manifest = JSON.parse(dec.decode(files.get('manifest.json'))) as {
    custody: { head: string; events: number };
    files: Array<{ path: string; sha256: string; bytes: number }>;
  };
  const lines = dec.decode(files.get('custody-log.jsonl')).replace(/\n$/, '').split('\n');
  manifest.custody = { head: headOf(lines), events: lines.length };
  for (const f of manifest.files) {
    const data = files.get(f.path);
    if (data) Object.assign(f, { sha256: await sha256Hex(data), bytes: data.length });
  }
  files.set('manifest.json', enc.encode(`${JSON.stringify(manifest, null, 2)}\n`));
  const sums = [];
  for (const [path, data] of files)
    if (path !== 'SHA256SUMS' && path !== 'SHA256SUMS.asc')
      sums.push({ path, sha256: await sha256Hex(data) });
  files.set('SHA256SUMS', enc.encode(formatSums(sums)));
  return files;
}

/** Delete, add, rename and swap files. */
export function* fileCases(files: Files, itemIds: string[]): Generator<TamperCase> {
  const [a = '', b = ''] = itemIds;
  for (const path of files.keys()) {
    yield { cls: 'delete a file', label: path, build: () => pack(edited(files, { [path]: null })) };
    const data = files.get(path) as Uint8Array;
    const renamed = `${path.replace(/\.[a-z]+$/, '')}-renamed${/\.[a-z]+$/.exec(path)?.[0] ?? ''}`;
    yield {
      cls: 'rename a file',
      label: `${path} -> ${renamed}`,
      build: () => pack(edited(files, { [path]: null, [renamed]: data })),
    };
  }
  const png = files.get(`items/${a}/screenshot.png`) as Uint8Array;
  const adds: Record<string, Uint8Array> = {
    'notes.txt': enc.encode('added later\n'),
    [`items/${a}/extra.png`]: png,
    [`items/${'f'.repeat(32)}/item.json`]: files.get(`items/${a}/item.json`) as Uint8Array,
    'SHA256SUMS.sig': files.get('SHA256SUMS.asc') as Uint8Array,
    '.hidden': enc.encode('x'),
  };
  for (const [path, data] of Object.entries(adds))
    yield { cls: 'add a file', label: path, build: () => pack(edited(files, { [path]: data })) };
  yield {
    cls: 'rename a file',
    label: `items/${a}/ -> items/${'e'.repeat(32)}/`,
    build: () =>
      storedZip(
        [...files].map(([p, d]) => [p.replace(`items/${a}/`, `items/${'e'.repeat(32)}/`), d]),
      ),
  };
  for (const name of ['screenshot.png', 'page.html', 'item.json']) {
    const pa = `items/${a}/${name}`;
    const pb = `items/${b}/${name}`;
    // Swapping identical files changes nothing (the fixture's pages are the same HTML).
    if (Buffer.from(files.get(pa)!).equals(files.get(pb)!)) continue;
    yield {
      cls: 'swap files',
      label: `${pa} <-> ${pb}`,
      build: () => pack(edited(files, { [pa]: files.get(pb)!, [pb]: files.get(pa)! })),
    };
  }
  const [shot, page] = [`items/${a}/screenshot.png`, `items/${a}/page.html`];
  yield {
    cls: 'swap files',
    label: `${shot} <-> ${page}`,
    build: () => pack(edited(files, { [shot]: files.get(page)!, [page]: files.get(shot)! })),
  };
  yield {
    cls: 'swap files',
    label: `items/${a}/ <-> items/${b}/`,
    build: () =>
      storedZip(
        [...files].map(([p, d]) => [
          p
            .replace(`items/${a}/`, '\0')
            .replace(`items/${b}/`, `items/${a}/`)
            .replace('\0', `items/${b}/`),
          d,
        ]),
      ),
  };
  yield {
    cls: 'swap files',
    label: 'manifest.json <-> custody-log.jsonl contents',
    build: () =>
      pack(
        edited(files, {
          'manifest.json': files.get('custody-log.jsonl')!,
          'custody-log.jsonl': files.get('manifest.json')!,
        }),
      ),
  };
}

/** Reorder and drop custody lines, alone and with SHA256SUMS and the manifest made to agree. */
export function* custodyCases(files: Files): Generator<TamperCase> {
  const lines = dec.decode(files.get('custody-log.jsonl')).replace(/\n$/, '').split('\n');
  const variants: Array<[string, string, string[]]> = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const swapped = [...lines];
    [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
    variants.push(['reorder custody lines', `swap lines ${i} and ${i + 1}`, swapped]);
  }
  variants.push(['reorder custody lines', 'reverse all', [...lines].reverse()]);
  lines.forEach((_, i) =>
    variants.push(['drop a custody line', `drop line ${i}`, lines.filter((__, j) => j !== i)]),
  );
  for (const [cls, label, next] of variants) {
    const log = enc.encode(next.map((l) => `${l}\n`).join(''));
    yield { cls, label, build: () => pack(edited(files, { 'custody-log.jsonl': log })) };
    yield {
      cls,
      label: `${label}, SHA256SUMS and manifest re-listed`,
      build: async () => pack(await relisted(edited(files, { 'custody-log.jsonl': log }))),
    };
  }
}

/**
 * A forger with their own key edits a screenshot (unless `editShot` is false), re-lists and re-signs; optionally ships their
 * key as collector-key.asc and names it in manifest.json too.
 */
export async function forgeWithKey(
  files: Files,
  itemId: string,
  other: Identity,
  originalFingerprint: string,
  options: { swapKey: boolean; renameCollector: boolean; editShot?: boolean },
): Promise<Uint8Array> {
  const shot = `items/${itemId}/screenshot.png`;
  const next = edited(files, {
    [shot]: options.editShot === false ? files.get(shot)! : flipped(files.get(shot)!, 100, 0),
  });
  if (options.swapKey) next.set('collector-key.asc', enc.encode(other.publicKeyArmored));
  if (options.renameCollector) {
    const text = dec.decode(next.get('manifest.json'));
    next.set('manifest.json', enc.encode(text.split(originalFingerprint).join(other.fingerprint)));
  }
  await relisted(next);
  next.set(
    'SHA256SUMS.asc',
    enc.encode(await signDetached(next.get('SHA256SUMS')!, other.privateKeyArmored)),
  );
  return pack(next);
}

/** Re-signing with another key while the bundle still names the collector somewhere. */
export function* resignCases(
  files: Files,
  itemId: string,
  other: Identity,
  originalFingerprint: string,
): Generator<TamperCase> {
  const forge = (swapKey: boolean, renameCollector: boolean) =>
    forgeWithKey(files, itemId, other, originalFingerprint, { swapKey, renameCollector });
  yield {
    cls: 're-sign with another key',
    label: 'collector key kept',
    build: () => forge(false, false),
  };
  yield {
    cls: 're-sign with another key',
    label: 'collector-key.asc replaced',
    build: () => forge(true, false),
  };
  yield {
    cls: 're-sign with another key',
    label: 'unchanged SHA256SUMS re-signed by another key',
    build: async () =>
      pack(
        edited(files, {
          'SHA256SUMS.asc': enc.encode(
            await signDetached(files.get('SHA256SUMS')!, other.privateKeyArmored),
          ),
        }),
      ),
  };
}

/** The signature file of other bundles put in place of this one's. */
export function* foreignSignatureCases(
  files: Files,
  others: Record<string, Uint8Array>,
): Generator<TamperCase> {
  for (const [label, asc] of Object.entries(others))
    yield {
      cls: 'substitute the signature of another bundle',
      label,
      build: () => pack(edited(files, { 'SHA256SUMS.asc': asc })),
    };
}
