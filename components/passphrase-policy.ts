// SPDX-License-Identifier: AGPL-3.0-or-later
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSPHRASE_LENGTH = 12;
export const MIN_PASSPHRASE_SCORE = 3;

export interface PassphraseAssessment {
  /** zxcvbn score, 0 (guessable) to 4 (very hard). */
  score: number;
  acceptable: boolean;
  reason: 'too-short' | 'too-weak' | null;
}

let factory: ZxcvbnFactory | undefined;

/** Scores a passphrase; weak ones (score < 3 or under 12 characters) are refused. */
export function assessPassphrase(
  passphrase: string,
  userInputs: string[] = [],
): PassphraseAssessment {
  factory ??= new ZxcvbnFactory({ graphs: adjacencyGraphs, dictionary: { ...dictionary } });
  const score = passphrase === '' ? 0 : factory.check(passphrase, userInputs).score;
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH)
    return { score, acceptable: false, reason: 'too-short' };
  if (score < MIN_PASSPHRASE_SCORE) return { score, acceptable: false, reason: 'too-weak' };
  return { score, acceptable: true, reason: null };
}
