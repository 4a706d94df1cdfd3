// SPDX-License-Identifier: AGPL-3.0-or-later
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const LOCALES_DIR = join(ROOT, 'public/_locales');
const REQUIRED = ['en', 'fr', 'es', 'ar'];
// Every locale on disk is checked, so a half-added language fails too.
const LOCALES = readdirSync(LOCALES_DIR).filter((name) =>
  statSync(join(LOCALES_DIR, name)).isDirectory(),
);
const TRANSLATED = LOCALES.filter((l) => l !== 'en');

interface Entry {
  message: string;
  placeholders?: Record<string, unknown>;
}

function messages(locale: string): Record<string, Entry> {
  return JSON.parse(readFileSync(join(LOCALES_DIR, locale, 'messages.json'), 'utf8')) as Record<
    string,
    Entry
  >;
}

/** `$1`…`$9` and named `$name$` placeholders, sorted; `$$` is a literal dollar, not one. */
function placeholders(text: string): string[] {
  return [...text.replaceAll('$$', '').matchAll(/\$[1-9]|\$[A-Za-z0-9_@]+\$/g)]
    .map((m) => m[0])
    .sort();
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('locales', () => {
  it('ships English, French, Spanish and Arabic', () => {
    expect(LOCALES).toEqual(expect.arrayContaining(REQUIRED));
  });

  it.each(TRANSLATED)('%s has exactly the English keys, no missing, no extra', (locale) => {
    const en = Object.keys(messages('en'));
    const other = Object.keys(messages(locale));
    expect(
      en.filter((k) => !other.includes(k)),
      `missing in ${locale}`,
    ).toEqual([]);
    expect(
      other.filter((k) => !en.includes(k)),
      `extra in ${locale}`,
    ).toEqual([]);
  });

  it.each(LOCALES)('%s has no empty message', (locale) => {
    const empty = Object.entries(messages(locale))
      .filter(([, v]) => typeof v.message !== 'string' || v.message.trim() === '')
      .map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it.each(TRANSLATED)('%s keeps every placeholder of the English message', (locale) => {
    const en = messages('en');
    const mismatched = Object.entries(messages(locale))
      .filter(([key, v]) => {
        const source = en[key];
        if (!source) return false;
        return (
          placeholders(v.message).join() !== placeholders(source.message).join() ||
          Object.keys(v.placeholders ?? {})
            .sort()
            .join() !==
            Object.keys(source.placeholders ?? {})
              .sort()
              .join()
        );
      })
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  it('ar is translated: every message has Arabic letters, bar names and algorithm labels', () => {
    const verbatim = new Set(['extName', 'fieldSha256']);
    const latinOnly = Object.entries(messages('ar'))
      .filter(([key, v]) => !verbatim.has(key) && !/[\u0600-\u06FF]/.test(v.message))
      .map(([k]) => k);
    expect(latinOnly).toEqual([]);
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
      for (const m of text.matchAll(/'((?:error|strength|verify|settings)[A-Z0-9][A-Za-z0-9]*)'/g))
        used.add(m[1] ?? '');
    }
    const missing = [...used].filter((key) => !(key in en));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(50);
  });
});
