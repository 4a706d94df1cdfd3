// SPDX-License-Identifier: AGPL-3.0-or-later
export {
  createTimestampClient,
  TimestampError,
  type TimestampClient,
  type TimestampClientOptions,
  type TimestampReceipt,
} from './client';
export {
  createMemoryTimestampStore,
  createTimestampQueue,
  retryDelay,
  type FlushResult,
  type PendingTimestamp,
  type TimestampQueue,
  type TimestampQueueStore,
} from './queue';
export { DEFAULT_TIMESTAMP_SETTINGS, timestampClientFor, type TimestampSettings } from './settings';
export { validateTimestampSettings, TimestampSettingsError } from './settings';
export {
  createTimestampService,
  TIMESTAMP_RETRY_ALARM,
  type TimestampService,
  type TimestampStatus,
  type TimestampVault,
} from './service';
