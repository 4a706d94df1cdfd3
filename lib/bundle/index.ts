// SPDX-License-Identifier: AGPL-3.0-or-later
export { ArchiveError, ExportError } from './errors';
export {
  FORMAT_VERSION,
  type BundleFileRole,
  type BundleManifest,
  type ManifestFile,
} from './manifest';
export { isSafeBundlePath, isSafeSegment, ROOT_FILES } from './paths';
export type { CustodyReport, FileCheck, VerifyCheck, VerifyReport, VerifyStatus } from './report';
export type { HashFactory, StreamingHash } from './scan';
export { blobSource, bytesSource } from './source';
export { verifyBundle, type VerifyDeps } from './verify';
export { writeBundle, type BundleInput, type BundleWriterDeps } from './write';
export { DEFAULT_LIMITS, type ArchiveLimits, type ByteSource } from './zip-archive';
export { extractFiles } from './extract';
