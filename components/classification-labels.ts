// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Category, Severity } from '../lib/model/classification';

/** i18n keys of each category's name and one-line definition (docs/taxonomy.md). */
export const CATEGORY_KEYS: Readonly<Record<Category, { name: string; desc: string }>> = {
  harassment: { name: 'categoryHarassment', desc: 'categoryHarassmentDesc' },
  'threat-of-violence': { name: 'categoryThreat', desc: 'categoryThreatDesc' },
  doxxing: { name: 'categoryDoxxing', desc: 'categoryDoxxingDesc' },
  impersonation: { name: 'categoryImpersonation', desc: 'categoryImpersonationDesc' },
  'defamation-smear': { name: 'categoryDefamation', desc: 'categoryDefamationDesc' },
  'hate-speech': { name: 'categoryHateSpeech', desc: 'categoryHateSpeechDesc' },
  'coordinated-campaign': { name: 'categoryCampaign', desc: 'categoryCampaignDesc' },
  'image-based-sexual-abuse': { name: 'categoryIbsa', desc: 'categoryIbsaDesc' },
  'sexual-harassment': { name: 'categorySexualHarassment', desc: 'categorySexualHarassmentDesc' },
  'hacking-account-takeover': { name: 'categoryHacking', desc: 'categoryHackingDesc' },
  other: { name: 'categoryOther', desc: 'categoryOtherDesc' },
};

/** i18n keys of the severities. */
export const SEVERITY_KEYS: Readonly<Record<Severity, string>> = {
  low: 'severityLow',
  medium: 'severityMedium',
  high: 'severityHigh',
  critical: 'severityCritical',
};
