// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import {
  createSha256,
  fromBase64,
  fromHex,
  randomId,
  sha256Hex,
  sha256HexSync,
  toBase64,
  toHex,
  utf8Decode,
  utf8Encode,
} from '../../lib/crypto/index';

// FIPS 180-2 / NIST CSRC example values.
const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const TWO_BLOCK = '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1';
const TWO_BLOCK_MSG = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';

describe('SHA-256 known answers', () => {
  it('WebCrypto: "abc", empty string, two-block message', async () => {
    expect(await sha256Hex(utf8Encode('abc'))).toBe(ABC);
    expect(await sha256Hex(new Uint8Array(0))).toBe(EMPTY);
    expect(await sha256Hex(utf8Encode(TWO_BLOCK_MSG))).toBe(TWO_BLOCK);
  });

  it('sync (@noble/hashes): same vectors', () => {
    expect(sha256HexSync(utf8Encode('abc'))).toBe(ABC);
    expect(sha256HexSync(new Uint8Array(0))).toBe(EMPTY);
    expect(sha256HexSync(utf8Encode(TWO_BLOCK_MSG))).toBe(TWO_BLOCK);
  });

  it('streaming (hash-wasm): chunked input equals one-shot, and matches the vectors', async () => {
    const data = new Uint8Array(3 * 1024 * 1024 + 17).map((_, i) => (i * 31) & 0xff);
    const h = await createSha256();
    for (let i = 0; i < data.length; i += 65_537) h.update(data.subarray(i, i + 65_537));
    const streamed = h.digestHex();
    expect(streamed).toBe(await sha256Hex(data));
    expect(streamed).toBe(sha256HexSync(data));

    const abc = await createSha256();
    abc.update(utf8Encode('a'));
    abc.update(utf8Encode('bc'));
    expect(abc.digestHex()).toBe(ABC);
    const empty = await createSha256();
    expect(empty.digestHex()).toBe(EMPTY);
  });
});

describe('bytes and ids', () => {
  it('hex and base64 round trip and known encodings', () => {
    const b = new Uint8Array([0, 1, 0xfe, 0xff, 0x7f]);
    expect(toHex(b)).toBe('0001feff7f');
    expect(fromHex('0001FEFF7F')).toEqual(b);
    expect(toBase64(utf8Encode('foobar'))).toBe('Zm9vYmFy');
    expect(toBase64(utf8Encode('fo'))).toBe('Zm8=');
    expect(fromBase64(toBase64(b))).toEqual(b);
    expect(() => fromHex('abc')).toThrow(TypeError);
    expect(() => fromHex('zz')).toThrow(TypeError);
  });

  it('utf8 decode refuses malformed input', () => {
    expect(utf8Decode(utf8Encode('é ش'))).toBe('é ش');
    expect(() => utf8Decode(new Uint8Array([0xc3]))).toThrow(TypeError);
  });

  it('randomId is 32 lower-case hex chars and does not repeat', () => {
    const ids = new Set(Array.from({ length: 200 }, () => randomId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});
