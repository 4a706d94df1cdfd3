// SPDX-License-Identifier: AGPL-3.0-or-later
// PNG files for tests, benches and the icons, written here rather than by lib/reports/png-codec.ts
// so that tests of the product's decoder read images the product did not make.
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A PNG of 8-bit RGB (`colorType` 2) or RGBA (6) pixels from its filtered rows: each row is its
 * filter-type byte, then the row's bytes (scanline filtering as the PNG specification defines).
 * `deflateLevel` 0 stores the rows uncompressed, so the file's size follows the pixels'.
 */
export function pngFile(
  width: number,
  height: number,
  colorType: 2 | 6,
  rows: Uint8Array,
  deflateLevel?: number,
): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, colorType, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, deflateLevel === undefined ? {} : { level: deflateLevel })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
