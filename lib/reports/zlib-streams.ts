// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Zlib } from './png-codec';

async function run(data: Uint8Array, stream: GenericTransformStream): Promise<Uint8Array> {
  const piped = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

/** zlib through the Compression Streams API, which browsers and Node 18+ both provide. */
export function createStreamZlib(): Zlib {
  return {
    inflate: (data) => run(data, new DecompressionStream('deflate')),
    deflate: (data) => run(data, new CompressionStream('deflate')),
  };
}
