// SPDX-License-Identifier: AGPL-3.0-or-later
export { createEventLine, headOf, hashLine, verifyChain, GENESIS_PREV } from './chain';
export type {
  CustodyEventType,
  CustodyEvent,
  CustodyEventInput,
  CustodyDetails,
  CapturedDetails,
  ExportedDetails,
  AnnotatedDetails,
  VaultCreatedDetails,
  TimestampedDetails,
  ChainReport,
} from './types';
