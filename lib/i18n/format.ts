// SPDX-License-Identifier: AGPL-3.0-or-later
import { browser } from 'wxt/browser';

// The browser's UI language, not navigator.language: the page's words come from _locales in that
// language, so its dates and digits must match them (an Arabic UI gets Arabic month names).
function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

/** A UTC instant as a local date and time in the UI language; item.json keeps the instant itself. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(uiLanguage(), {
    dateStyle: 'medium',
    timeStyle: 'medium',
  }).format(date);
}

/** A count or size with the UI language's digits and grouping. */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(uiLanguage()).format(n);
}
