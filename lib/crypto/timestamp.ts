// SPDX-License-Identifier: AGPL-3.0-or-later
// RFC 3161 trusted timestamps (pkijs). Kept out of lib/crypto/index.ts so that only the code that
// timestamps or verifies tokens loads pkijs.
export {
  createTimestampRequest,
  parseTimestampResponse,
  randomNonceHex,
  type TimestampResponse,
} from './tsp/request';
export {
  verifyTimestampToken,
  type TimestampVerification,
  type TimestampVerifyOptions,
} from './tsp/verify';
export { certificatesFromPem, certificatesToPem, certificateSubjectsFromPem } from './tsp/certs';
export { verifyTimestampResponse, type TimestampResponseVerification } from './tsp/response';
