// SPDX-License-Identifier: AGPL-3.0-or-later
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { fromBase64, toBase64, toHex } from '../bytes';

/**
 * One engine over the platform's WebCrypto (Node 20, extension pages and the service worker all
 * have globalThis.crypto), passed explicitly so nothing depends on pkijs's global engine.
 */
export const engine = new pkijs.CryptoEngine({
  name: 'attest-webcrypto',
  crypto: globalThis.crypto,
});

export const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  extKeyUsage: '2.5.29.37',
  timeStamping: '1.3.6.1.5.5.7.3.8',
} as const;

const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

/** A copy with its own ArrayBuffer, as pkijs and WebCrypto want. */
export function bufferOf(bytes: Uint8Array): ArrayBuffer {
  return new Uint8Array(bytes).buffer;
}

/** Parses one DER certificate; throws on malformed input. */
export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(bufferOf(der));
}

/** DER bytes of a parsed certificate (pkijs keeps the signed part as read). */
export function certificateDer(cert: pkijs.Certificate): Uint8Array {
  return new Uint8Array(cert.toSchema(false).toBER(false));
}

/** "CN=…, O=…" of a distinguished name, in certificate order. */
export function nameToString(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => {
      const value = tv.value.valueBlock as { value?: unknown };
      const text =
        typeof value.value === 'string'
          ? value.value
          : toHex(new Uint8Array(tv.value.toBER(false)));
      return `${SHORT_NAMES[tv.type] ?? tv.type}=${text}`;
    })
    .join(', ');
}

/** True when the certificate's issuer is its subject (a candidate trust anchor). */
export function isSelfIssued(cert: pkijs.Certificate): boolean {
  return cert.issuer.isEqual(cert.subject);
}

/** Hex of an asn1js INTEGER's magnitude without leading zero bytes (how serials and nonces compare). */
export function integerHex(value: asn1js.Integer): string {
  return toHex(value.valueBlock.valueHexView).replace(/^(00)+(?=.)/, '');
}

/** The DER certificates of every `-----BEGIN CERTIFICATE-----` block of a PEM text. */
export function certificatesFromPem(pem: string): Uint8Array[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) =>
    fromBase64(b.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '')),
  );
}

/** PEM text of DER certificates, 64 base64 characters a line, as openssl writes it. */
export function certificatesToPem(ders: readonly Uint8Array[]): string {
  return ders
    .map((der) => {
      const lines = toBase64(der).match(/.{1,64}/g) ?? [];
      return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
    })
    .join('');
}

/** The subject of every certificate of a PEM text; throws when a block is not a certificate. */
export function certificateSubjectsFromPem(pem: string): string[] {
  return certificatesFromPem(pem).map((der) => nameToString(parseCertificate(der).subject));
}
