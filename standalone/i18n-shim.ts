// SPDX-License-Identifier: AGPL-3.0-or-later
// Stands in for `wxt/browser` in the offline verify.html: the same messages.json catalogues, picked
// from the browser's language, with chrome.i18n's $1 and $name$ substitutions.
import ar from '../public/_locales/ar/messages.json';
import en from '../public/_locales/en/messages.json';
import es from '../public/_locales/es/messages.json';
import fr from '../public/_locales/fr/messages.json';

type Catalogue = Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

const CATALOGUES: Record<string, Catalogue> = { ar, en, es, fr };
const RTL = new Set(['ar', 'fa', 'he', 'ur']);

function pick(): { lang: string; messages: Catalogue } {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const lang = tag.toLowerCase().split('-')[0] ?? '';
    const messages = CATALOGUES[lang];
    if (messages) return { lang, messages };
  }
  return { lang: 'en', messages: CATALOGUES.en! };
}

const { lang, messages } = pick();

function getMessage(name: string, substitutions?: string | string[]): string {
  if (name === '@@ui_locale') return lang;
  if (name === '@@bidi_dir') return RTL.has(lang) ? 'rtl' : 'ltr';
  const entry = messages[name] ?? CATALOGUES.en![name];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : [substitutions].flat();
  const named = entry.message.replace(
    /\$([A-Za-z0-9_]+)\$/g,
    (_, key: string) => entry.placeholders?.[key.toLowerCase()]?.content ?? '',
  );
  return named.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
}

export const browser = { i18n: { getMessage } };
