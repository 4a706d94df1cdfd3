// SPDX-License-Identifier: AGPL-3.0-or-later
import { certificatesFromPem, certificateSubjectsFromPem } from '../crypto/timestamp';
import { createTimestampClient, type TimestampClient } from './client';

/** The user's timestamp choice. Off and empty by default: no traffic without consent. */
export interface TimestampSettings {
  enabled: boolean;
  /** The authority's RFC 3161 URL. */
  url: string;
  /** The authority's root certificate(s), PEM, as the user obtained them from the authority. */
  rootsPem: string;
}

export const DEFAULT_TIMESTAMP_SETTINGS: TimestampSettings = {
  enabled: false,
  url: '',
  rootsPem: '',
};

export type TimestampSettingsProblem =
  | 'timestamp-url-invalid'
  | 'timestamp-url-missing'
  | 'timestamp-roots-invalid'
  | 'timestamp-roots-missing';

/** Settings the vault refuses to keep; `code` names the field for the page's message. */
export class TimestampSettingsError extends Error {
  override name = 'TimestampSettingsError';
  constructor(
    readonly code: TimestampSettingsProblem,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Trims and checks settings: an http(s) URL without credentials, PEM that holds only parsable
 * certificates. Turning timestamps on needs both. Returns the settings and the roots' subjects.
 */
export function validateTimestampSettings(s: TimestampSettings): {
  settings: TimestampSettings;
  rootSubjects: string[];
} {
  const url = s.url.trim();
  const rootsPem = s.rootsPem.trim() === '' ? '' : s.rootsPem.trim() + '\n';
  if (url !== '') {
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
      throw new TimestampSettingsError(
        'timestamp-url-invalid',
        'The authority URL must start with http:// or https://',
      );
    if (parsed.username || parsed.password)
      throw new TimestampSettingsError(
        'timestamp-url-invalid',
        'The authority URL must not hold a user name or password',
      );
  }
  let rootSubjects: string[] = [];
  if (rootsPem !== '') {
    try {
      rootSubjects = certificateSubjectsFromPem(rootsPem);
    } catch (e) {
      throw new TimestampSettingsError(
        'timestamp-roots-invalid',
        `A certificate block could not be read (${e instanceof Error ? e.message : String(e)})`,
      );
    }
    if (rootSubjects.length === 0)
      throw new TimestampSettingsError(
        'timestamp-roots-invalid',
        'No -----BEGIN CERTIFICATE----- block was found',
      );
  }
  if (s.enabled && url === '')
    throw new TimestampSettingsError('timestamp-url-missing', 'Timestamps need an authority URL');
  if (s.enabled && rootsPem === '')
    throw new TimestampSettingsError(
      'timestamp-roots-missing',
      "Timestamps need the authority's root certificate",
    );
  return { settings: { enabled: s.enabled, url, rootsPem }, rootSubjects };
}

/** A client when the user turned timestamps on and named an authority, else undefined. */
export function timestampClientFor(
  settings: TimestampSettings,
  deps: { fetch: typeof fetch; now: () => number },
): TimestampClient | undefined {
  if (!settings.enabled || settings.url.trim() === '') return undefined;
  return createTimestampClient({
    fetch: deps.fetch,
    now: deps.now,
    url: settings.url.trim(),
    trustedCerts: certificatesFromPem(settings.rootsPem),
  });
}
