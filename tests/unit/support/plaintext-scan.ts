// SPDX-License-Identifier: AGPL-3.0-or-later
// Finds marker strings in any value: as text, UTF-8 or UTF-16LE bytes, hex, or base64 at any alignment.

const enc = new TextEncoder();

function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[i * 2] = s.charCodeAt(i) & 0xff;
    out[i * 2 + 1] = s.charCodeAt(i) >> 8;
  }
  return out;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The base64 characters that depend only on `bytes`, for each of the 3 possible offsets in a stream. */
function base64Needles(bytes: Uint8Array): string[] {
  const out: string[] = [];
  for (let k = 0; k < 3; k++) {
    const padded = new Uint8Array(k + bytes.length);
    padded.set(bytes, k);
    const b64 = Buffer.from(padded).toString('base64');
    const first = Math.ceil((8 * k) / 6);
    const end = Math.floor((8 * (k + bytes.length)) / 6);
    const core = b64.slice(first, end);
    out.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return out;
}

interface Needles {
  marker: string;
  text: string[];
  bytes: Uint8Array[];
}

function needlesFor(marker: string): Needles {
  const u8 = enc.encode(marker);
  const u16 = utf16le(marker);
  return {
    marker,
    text: [marker, hex(u8), hex(u16), ...base64Needles(u8), ...base64Needles(u16)].map((s) =>
      s.toLowerCase(),
    ),
    bytes: [u8, u16],
  };
}

function containsBytes(hay: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength).includes(Buffer.from(needle));
}

export interface Finding {
  marker: string;
  where: string;
}

/** Every place any marker shows up in `value` (walks objects, arrays, maps, strings, typed arrays). */
export function scanForMarkers(value: unknown, markers: readonly string[]): Finding[] {
  const all = markers.map(needlesFor);
  const findings: Finding[] = [];
  const checkText = (text: string, where: string) => {
    const lower = text.toLowerCase();
    for (const n of all)
      if (n.text.some((t) => lower.includes(t))) findings.push({ marker: n.marker, where });
  };
  const checkBytes = (bytes: Uint8Array, where: string) => {
    // Text-encoded forms (hex, base64) stored as bytes are caught by reading the bytes as Latin-1.
    const asText = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      .toString('latin1')
      .toLowerCase();
    for (const n of all) {
      if (n.bytes.some((b) => containsBytes(bytes, b)) || n.text.some((t) => asText.includes(t))) {
        findings.push({ marker: n.marker, where });
      }
    }
  };
  const seen = new Set<object>();
  const walk = (v: unknown, where: string): void => {
    if (typeof v === 'string') return checkText(v, where);
    if (typeof v !== 'object' || v === null) return;
    if (seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v))
      return checkBytes(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), where);
    if (v instanceof ArrayBuffer) return checkBytes(new Uint8Array(v), where);
    if (v instanceof Map) {
      for (const [k, x] of v) {
        walk(k, `${where}<key>`);
        walk(x, `${where}.get()`);
      }
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      checkText(k, `${where}{key ${k}}`);
      walk(x, `${where}.${k}`);
    }
  };
  walk(value, '$');
  return findings;
}
