// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Where the extension package keeps the offline verify.html, copied in by wxt.config.ts and read
 * by the vault page at export. Named .txt on purpose: it is data for bundles, never a page of the
 * extension's origin.
 */
export const VERIFIER_ASSET = 'offline/verify.html.txt';
