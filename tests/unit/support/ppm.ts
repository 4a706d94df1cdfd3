// SPDX-License-Identifier: AGPL-3.0-or-later
// Binary PPM (P6, RGB) and PGM (P5, grey) with 8-bit samples: the PDQ fixtures' format, chosen
// because the reference tool reads it natively and it needs no decoder dependency here.
import type { PdqPixels } from '../../../lib/pdq/index';

export function parsePnm(bytes: Uint8Array): PdqPixels {
  // Header: magic, width, height, maxval, separated by whitespace (comments are not used here),
  // then exactly one whitespace byte before the samples.
  const fields: string[] = [];
  let i = 0;
  while (fields.length < 4) {
    while (i < bytes.length && /\s/.test(String.fromCharCode(bytes[i] ?? 0))) i++;
    let token = '';
    while (i < bytes.length && !/\s/.test(String.fromCharCode(bytes[i] ?? 0))) {
      token += String.fromCharCode(bytes[i++] ?? 0);
    }
    if (!token) throw new Error('pnm: truncated header');
    fields.push(token);
  }
  const [magic, w, h, maxval] = fields;
  const channels = magic === 'P6' ? 3 : magic === 'P5' ? 1 : 0;
  if (!channels || maxval !== '255')
    throw new Error(`pnm: unsupported ${String(magic)}/${String(maxval)}`);
  const width = Number(w);
  const height = Number(h);
  const data = bytes.slice(i + 1, i + 1 + width * height * channels);
  if (data.length !== width * height * channels) throw new Error('pnm: truncated data');
  return { width, height, data, channels };
}

export function encodePnm(image: PdqPixels): Uint8Array {
  if (image.channels !== 1 && image.channels !== 3) throw new Error('pnm: grey or RGB only');
  const header = new TextEncoder().encode(
    `${image.channels === 3 ? 'P6' : 'P5'}\n${String(image.width)} ${String(image.height)}\n255\n`,
  );
  const out = new Uint8Array(header.length + image.data.length);
  out.set(header);
  out.set(image.data, header.length);
  return out;
}
