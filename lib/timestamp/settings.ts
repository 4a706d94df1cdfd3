// SPDX-License-Identifier: AGPL-3.0-or-later
import { certificatesFromPem } from '../crypto/timestamp';
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
