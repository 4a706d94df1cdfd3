// SPDX-License-Identifier: AGPL-3.0-or-later
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const LOCALES = ['en', 'fr'];

function messages(locale: string): Record<string, { message: string }> {
  return JSON.parse(
    readFileSync(join(ROOT, 'public/_locales', locale, 'messages.json'), 'utf8'),
  ) as Record<string, { message: string }>;
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('locales', () => {
  it('en and fr have exactly the same keys, none empty', () => {
    const [en, fr] = LOCALES.map(messages);
    expect(Object.keys(fr ?? {}).sort()).toEqual(Object.keys(en ?? {}).sort());
    for (const table of [en, fr]) {
      for (const [key, value] of Object.entries(table ?? {}))
        expect(value.message.trim(), key).not.toBe('');
    }
  });

  it('has the manifest strings', () => {
    for (const key of ['extName', 'extDescription', 'commandCapturePage'])
      expect(messages('en')[key]).toBeDefined();
  });

  it('has every key the UI asks for', () => {
    const en = messages('en');
    const used = new Set<string>();
    for (const file of [
      ...sources('components'),
      ...sources('entrypoints'),
      ...sources('lib/i18n'),
    ]) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) used.add(m[1] ?? '');
      // Keys chosen at run time are written as quoted literals in lookup tables.
      for (const m of text.matchAll(/'((?:error|strength|verify)[A-Z0-9][A-Za-z0-9]*)'/g))
        used.add(m[1] ?? '');
    }
    const missing = [...used].filter((key) => !(key in en));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(50);
  });
});
