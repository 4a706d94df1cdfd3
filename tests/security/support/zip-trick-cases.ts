// SPDX-License-Identifier: AGPL-3.0-or-later
// Archive-level tricks: two entries with one name (readers disagree on which wins), path
// traversal, absolute and backslash names, case collisions, a local header that lies about its
// name, and a symbolic link.
import { buildRawZip } from '../../unit/support/raw-zip';
import { storedZip } from './stored-zip';
import type { Files, TamperCase } from './tamper-cases';

const cls = 'ZIP tricks';

/** ZIP-level tamper cases over an honest bundle's files. */
export function* zipTrickCases(files: Files, itemId: string): Generator<TamperCase> {
  const list = [...files];
  const shot = `items/${itemId}/screenshot.png`;
  const forged = new TextEncoder().encode('forged');
  for (const name of ['SHA256SUMS', 'manifest.json', shot]) {
    yield {
      cls,
      label: `duplicate ${name}, forged copy last`,
      build: () => storedZip([...list, [name, forged]]),
    };
    yield {
      cls,
      label: `duplicate ${name}, forged copy first`,
      build: () => storedZip([[name, forged], ...list]),
    };
    yield {
      cls,
      label: `duplicate ${name}, identical copy`,
      build: () => storedZip([...list, [name, files.get(name)!]]),
    };
  }
  const extra: Array<[string, string]> = [
    ['../evil.txt', 'added ../ path'],
    [`items/${itemId}/../../evil.txt`, 'added nested ../ path'],
    ['/SHA256SUMS', 'added absolute path'],
    ['C:/evil.txt', 'added drive path'],
    [`items\\${itemId}\\evil.txt`, 'added backslash path'],
    ['sha256sums', 'added case collision with SHA256SUMS'],
    [`items/${itemId}/./screenshot.png`, 'added ./ segment'],
    [`items//${itemId}/x.txt`, 'added empty segment'],
  ];
  for (const [name, label] of extra)
    yield { cls, label, build: () => storedZip([...list, [name, forged]]) };
  const renames: Array<[string, string]> = [
    [shot, `items/${itemId}/../${itemId}/screenshot.png`],
    ['README.txt', '../README.txt'],
    ['manifest.json', './manifest.json'],
  ];
  for (const [from, to] of renames)
    yield {
      cls,
      label: `renamed ${from} to ${to}`,
      build: () => storedZip(list.map(([p, d]) => [p === from ? to : p, d])),
    };
  const raw = list.map(([name, data]) => ({ name, data }));
  yield {
    cls,
    label: 'local header names another file than the central directory',
    build: () =>
      buildRawZip(
        raw.map((e) => (e.name === 'README.txt' ? { ...e, localName: '../README.txt' } : e)),
      ),
  };
  yield {
    cls,
    label: 'screenshot stored as a symbolic link',
    build: () =>
      buildRawZip(
        raw.map((e) =>
          e.name === shot
            ? { ...e, data: new TextEncoder().encode('/etc/passwd'), unixMode: 0o120777 }
            : e,
        ),
      ),
  };
  yield {
    cls,
    label: 'entry declares a smaller size than it holds',
    build: () =>
      buildRawZip(
        raw.map((e) => (e.name === shot ? { ...e, declaredSize: e.data.length - 10 } : e)),
      ),
  };
}
