// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * One canonical ASCII armor for detached signatures (RFC 4880 §6, as GnuPG reads it): header,
 * blank line, base64 in 60-character lines, the CRC-24 line, footer, final newline. Signing
 * writes exactly this; verification accepts exactly this. A parser that skips bad characters and
 * ignores the checksum (as RFC 9580 allows) would call a `.asc` intact that gpg rejects with a CRC
 * error or warns about — an edited byte must never pass unnoticed.
 */
import { fromBase64, toBase64 } from './bytes';

const BEGIN = '-----BEGIN PGP SIGNATURE-----';
const END = '-----END PGP SIGNATURE-----';
const LINE = 60;

/** CRC-24 of RFC 4880 §6.1. */
function crc24(data: Uint8Array): number {
  let crc = 0xb704ce;
  for (const byte of data) {
    crc ^= byte << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  return crc & 0xffffff;
}

/** The canonical armor of a binary signature packet sequence. */
export function armorSignature(packets: Uint8Array): string {
  const body = toBase64(packets);
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += LINE) lines.push(body.slice(i, i + LINE));
  const crc = crc24(packets);
  const checksum = toBase64(new Uint8Array([crc >> 16, (crc >> 8) & 0xff, crc & 0xff]));
  return `${BEGIN}\n\n${lines.join('\n')}\n=${checksum}\n${END}\n`;
}

/**
 * The binary packets of a canonically armored signature; throws when the text differs in any
 * byte from the canonical armor of what it decodes to (edited checksum, stray characters,
 * changed line breaks or headers).
 */
export function dearmorSignatureStrict(text: string): Uint8Array {
  const lines = text.split('\n');
  const footer = lines.lastIndexOf(END);
  const crcLine = lines[footer - 1] ?? '';
  if (lines[0] !== BEGIN || lines[1] !== '' || footer < 4 || !crcLine.startsWith('=')) {
    throw new Error('The signature file is not a well-formed armored OpenPGP signature');
  }
  const body = lines.slice(2, footer - 1).join('');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
    throw new Error('The signature file holds characters that are not base64');
  }
  const packets = fromBase64(body);
  if (armorSignature(packets) !== text) {
    throw new Error(
      'The signature file was altered: its checksum or layout does not match its content',
    );
  }
  return packets;
}
