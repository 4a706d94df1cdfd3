// SPDX-License-Identifier: AGPL-3.0-or-later
import type { TimestampService } from '../timestamp/service';
import type { TimestampSettingsView, TimestampStatusPayload } from './protocol';
import type { Handlers } from './router';

type TimestampMessage =
  'timestamps.get' | 'timestamps.update' | 'timestamps.status' | 'timestamps.flush';

// Only the fields the protocol names leave the background.
const view = (v: TimestampSettingsView): TimestampSettingsView => ({
  settings: { enabled: v.settings.enabled, url: v.settings.url, rootsPem: v.settings.rootsPem },
  rootSubjects: [...v.rootSubjects],
});
const status = (s: TimestampStatusPayload): TimestampStatusPayload => ({
  enabled: s.enabled,
  pending: s.pending,
  lastError: s.lastError,
  nextAttemptAt: s.nextAttemptAt,
});

/** Settings, queue status and "send now" for RFC 3161 timestamps. */
export function createTimestampHandlers(
  service: TimestampService | undefined,
): Pick<Handlers, TimestampMessage> {
  const needed = (): TimestampService => {
    if (!service) throw new Error('Timestamps are not available here');
    return service;
  };
  return {
    'timestamps.get': async () => view(await needed().settings()),
    'timestamps.update': async (next) => view(await needed().update(next)),
    'timestamps.status': async () => status(await needed().status()),
    'timestamps.flush': async () => {
      const result = await needed().flush({ force: true });
      return {
        ...status(await needed().status()),
        stamped: result?.stamped.length ?? 0,
        failed: result?.failed.length ?? 0,
      };
    },
  };
}
