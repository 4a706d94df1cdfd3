// SPDX-License-Identifier: AGPL-3.0-or-later
import { browser } from 'wxt/browser';

type GetMessage = (name: string, substitutions?: string | string[]) => string;

// WXT types getMessage per generated key; this module is the one place that takes any key.
function getMessage(name: string, substitutions?: string | string[]): string {
  return (browser.i18n as unknown as { getMessage: GetMessage }).getMessage(name, substitutions);
}

/**
 * Localized UI string. A missing key renders as `⟦key⟧` so it is caught in review instead of
 * silently showing an empty label.
 */
export function t(key: string, substitutions?: string | string[]): string {
  const text = getMessage(key, substitutions);
  return text === '' || text === undefined ? `⟦${key}⟧` : text;
}

/** Sets `lang` and `dir` of the document from the browser's UI locale (`@@bidi_dir`). */
export function applyDocumentDirection(doc: Document): void {
  doc.documentElement.dir = getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
  doc.documentElement.lang = getMessage('@@ui_locale').replace('_', '-') || 'en';
}
