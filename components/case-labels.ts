// SPDX-License-Identifier: AGPL-3.0-or-later
import { t } from '../lib/i18n';
import { DEFAULT_CASE_ID, TLP_LEVELS, type TlpLevel } from '../lib/model/case';

/** i18n key of each TLP level's one-line explanation. */
export const TLP_KEYS: Readonly<Record<TlpLevel, string>> = {
  CLEAR: 'tlpCLEAR',
  GREEN: 'tlpGREEN',
  AMBER: 'tlpAMBER',
  'AMBER+STRICT': 'tlpAMBER_STRICT',
  RED: 'tlpRED',
};

export { TLP_LEVELS };

/** The title to show: the user's, or the default case's name in the UI language. */
export function caseTitle(c: { id: string; title: string }): string {
  if (c.title) return c.title;
  return c.id === DEFAULT_CASE_ID ? t('caseDefaultTitle') : c.id;
}
