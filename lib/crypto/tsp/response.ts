// SPDX-License-Identifier: AGPL-3.0-or-later
import { sha256Hex } from '../hash';
import { certificatesFromPem, isSelfIssued, nameToString, parseCertificate } from './certs';
import { parseTimestampResponse } from './request';
import { verifyTimestampToken, type TimestampVerification } from './verify';

/** A verification that also names the root the chain ended at, for the reader to judge. */
export type TimestampResponseVerification = TimestampVerification & {
  root?: { subject: string; sha256: string };
};

/**
 * Verifies a DER TimeStampResp (as stored in a bundle's `timestamp.tsr`) against a SHA-256 and
 * the PEM chain shipped with it: self-issued certificates of the chain are the trust anchors,
 * the others intermediates. A chain that comes with the evidence proves nothing about who the
 * authority is, so the root is returned (subject and SHA-256 of its DER) for the reader to check.
 */
export async function verifyTimestampResponse(options: {
  response: Uint8Array;
  sha256Hex: string;
  chainPem: string;
}): Promise<TimestampResponseVerification> {
  let parsed;
  try {
    parsed = parseTimestampResponse(options.response);
  } catch {
    return { ok: false, errors: ['timestamp.tsr is not a DER TimeStampResp'] };
  }
  if (parsed.status > 1 || !parsed.token)
    return { ok: false, errors: [`timestamp.tsr holds no token (status ${parsed.statusText})`] };
  const roots: Uint8Array[] = [];
  const intermediates: Uint8Array[] = [];
  const ders = certificatesFromPem(options.chainPem);
  for (const der of ders) {
    let selfIssued = false;
    try {
      selfIssued = isSelfIssued(parseCertificate(der));
    } catch {
      // Reported by the verification below, which parses every certificate again.
    }
    (selfIssued ? roots : intermediates).push(der);
  }
  if (ders.length === 0)
    return { ok: false, errors: ['the timestamp chain file holds no PEM certificate'] };
  if (roots.length === 0)
    return {
      ok: false,
      errors: ['the timestamp chain file holds no root (self-signed) certificate'],
    };
  const result = await verifyTimestampToken({
    token: parsed.token,
    sha256Hex: options.sha256Hex,
    trustedCerts: roots,
    certs: intermediates,
  });
  const rootDer = result.chain?.[result.chain.length - 1];
  if (!rootDer) return result;
  const root = parseCertificate(rootDer);
  return {
    ...result,
    root: { subject: nameToString(root.subject), sha256: await sha256Hex(rootDer) },
  };
}
