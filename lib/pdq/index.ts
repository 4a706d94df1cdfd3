// SPDX-License-Identifier: AGPL-3.0-or-later
// PDQ perceptual image hashing (Meta, 2017), the hash StopNCII and the major platforms exchange
// so that intimate images can be matched without the images themselves ever being shared.
//
// Implemented from Meta's published algorithm and reference code:
//   - the algorithm document (sketch, details, evaluation):
//     https://github.com/facebook/ThreatExchange/blob/main/hashing/hashing.pdf
//   - https://github.com/facebook/ThreatExchange/blob/main/pdq/README.md
//   - the C++ reference, pdq/cpp/{hashing/pdqhashing.cpp, downscaling/downscaling.cpp,
//     hashing/torben.cpp, common/pdqhashtypes.cpp} at commit
//     baefb4ed67b6cdc1d4c82dbaef858d50866ac424, whose float32 arithmetic is mirrored here so
//     that hashes agree bit for bit (see tests/fixtures/pdq/expected.json).
//
// Unlike the reference's command-line tool, which first squashes images larger than 512 pixels
// to 512x512, these functions always hash at full resolution, as the algorithm itself does.
export {
  pdqHash,
  pdqDihedralHashes,
  qualityFrom64,
  type PdqResult,
  type PdqDihedralResult,
} from './hash';
export { hammingDistance, isPdqHash, pdqBit, type PdqHex } from './bits';
export { DIHEDRAL_NAMES, type DihedralName } from './dct';
export { lumaFromPixels, type PdqPixels } from './luma';
export { downsampleTo64, jaroszWindowSize } from './downscale';
