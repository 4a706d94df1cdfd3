// SPDX-License-Identifier: AGPL-3.0-or-later
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bytesEqual } from '../bytes';
import { bufferOf, certificateDer, engine, OID } from './certs';

function findSigner(
  info: pkijs.SignerInfo,
  pool: pkijs.Certificate[],
): pkijs.Certificate | undefined {
  const sid = info.sid as unknown;
  if (sid instanceof pkijs.IssuerAndSerialNumber)
    return pool.find(
      (c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber),
    );
  return undefined;
}

async function findSignerByKeyId(
  info: pkijs.SignerInfo,
  pool: pkijs.Certificate[],
): Promise<pkijs.Certificate | undefined> {
  // subjectKeyIdentifier form: [0] IMPLICIT OCTET STRING holding the SHA-1 of the public key.
  const sid = info.sid as asn1js.Constructed | asn1js.Primitive;
  const keyId =
    sid instanceof asn1js.Constructed
      ? (sid.valueBlock.value[0] as asn1js.OctetString | undefined)?.valueBlock.valueHexView
      : sid.valueBlock.valueHexView;
  if (!keyId) return undefined;
  for (const cert of pool) {
    const spki = cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
    const digest = new Uint8Array(await engine.digest({ name: 'SHA-1' }, bufferOf(spki)));
    if (bytesEqual(digest, keyId)) return cert;
  }
  return undefined;
}

function attribute(info: pkijs.SignerInfo, type: string): unknown {
  return info.signedAttrs?.attributes.find((a) => a.type === type)?.values[0];
}

/** The certificate hash and hash algorithm named by the ESS signing-certificate attribute. */
function essCertId(info: pkijs.SignerInfo): { hash: Uint8Array; algorithm: string } | undefined {
  const v2 = attribute(info, OID.signingCertificateV2);
  const value = v2 ?? attribute(info, OID.signingCertificate);
  // SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), policies OPTIONAL }
  const certs = value instanceof asn1js.Sequence ? value.valueBlock.value[0] : undefined;
  const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : undefined;
  if (!(first instanceof asn1js.Sequence)) return undefined;
  const [a, b] = first.valueBlock.value;
  // ESSCertIDv2 may open with the hash algorithm (default SHA-256); ESSCertID is always SHA-1.
  const algorithm =
    a instanceof asn1js.Sequence
      ? engine.getAlgorithmByOID<Algorithm>(
          new pkijs.AlgorithmIdentifier({ schema: a }).algorithmId,
          true,
        ).name
      : v2
        ? 'SHA-256'
        : 'SHA-1';
  const hash = a instanceof asn1js.OctetString ? a : b;
  if (!(hash instanceof asn1js.OctetString)) return undefined;
  return { hash: hash.valueBlock.valueHexView, algorithm };
}

/**
 * Finds the one signer of a timestamp token and checks its signature over the TSTInfo: signed
 * attributes present, content type id-ct-TSTInfo, message digest of the content, an ESS
 * signing-certificate attribute naming the certificate used, and the signature itself.
 */
export async function checkSignerInfo(
  signed: pkijs.SignedData,
  content: Uint8Array,
  pool: pkijs.Certificate[],
  errors: string[],
): Promise<pkijs.Certificate | undefined> {
  const [info, ...others] = signed.signerInfos;
  if (!info || others.length > 0) {
    errors.push(
      `a timestamp token has exactly one signer, this one has ${signed.signerInfos.length}`,
    );
    return undefined;
  }
  const signer = findSigner(info, pool) ?? (await findSignerByKeyId(info, pool));
  if (!signer) {
    errors.push("the authority's certificate is neither in the token nor in the chain given");
    return undefined;
  }
  if (!info.signedAttrs) {
    errors.push('the token has no signed attributes');
    return signer;
  }
  let hashName: string;
  try {
    hashName = engine.getAlgorithmByOID<Algorithm>(info.digestAlgorithm.algorithmId, true).name;
  } catch {
    errors.push(`unsupported digest algorithm ${info.digestAlgorithm.algorithmId}`);
    return signer;
  }
  const type = attribute(info, OID.contentType);
  if (!(type instanceof asn1js.ObjectIdentifier) || type.valueBlock.toString() !== OID.tstInfo)
    errors.push('the signed content type is not id-ct-TSTInfo');
  const digest = attribute(info, OID.messageDigest);
  const actual = new Uint8Array(await engine.digest({ name: hashName }, bufferOf(content)));
  if (
    !(digest instanceof asn1js.OctetString) ||
    !bytesEqual(digest.valueBlock.valueHexView, actual)
  )
    errors.push('the TSTInfo does not match the digest the authority signed (altered content)');
  const ess = essCertId(info);
  if (!ess) errors.push('the token has no ESS signing-certificate attribute');
  else {
    const certHash = new Uint8Array(
      await engine.digest({ name: ess.algorithm }, bufferOf(certificateDer(signer))),
    );
    if (!bytesEqual(certHash, ess.hash))
      errors.push('the signing certificate is not the one the token names (ESS certificate hash)');
  }
  const good = await engine
    .verifyWithPublicKey(
      info.signedAttrs.encodedValue,
      info.signature,
      signer.subjectPublicKeyInfo,
      info.signatureAlgorithm,
      hashName,
    )
    .catch(() => false);
  if (!good) errors.push("the authority's signature over the token does not verify");
  return signer;
}

/** RFC 3161 §2.3: the authority's certificate has one critical EKU, id-kp-timeStamping only. */
export function checkSignerCertificate(cert: pkijs.Certificate): string[] {
  const ekus = (cert.extensions ?? []).filter((e) => e.extnID === OID.extKeyUsage);
  if (ekus.length !== 1)
    return ["the authority's certificate lacks the extended key usage timeStamping"];
  const [eku] = ekus;
  const errors: string[] = [];
  if (!eku!.critical) errors.push("the authority's extended key usage is not marked critical");
  const purposes = (eku!.parsedValue as pkijs.ExtKeyUsage | undefined)?.keyPurposes ?? [];
  if (purposes.length !== 1 || purposes[0] !== OID.timeStamping)
    errors.push("the authority's certificate is not for timestamping only (extended key usage)");
  return errors;
}
