// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Plugin } from 'vite';

// JSZip's browser build (dist/jszip.min.js) inlines the `setimmediate` polyfill, whose
// setImmediate(string) turns the string into code with `new Function`. JSZip only ever passes
// functions, so the branch is dead, but it would be the one string-to-code sink in our build and
// tests/security/build-hygiene.test.ts forbids any. This makes a non-function a TypeError instead.
const SINK = '"function"!=typeof e&&(e=new Function(""+e));';
const SAFE = 'if("function"!=typeof e)throw new TypeError("setImmediate needs a function");';

/** Vite plugin removing the `new Function` of JSZip's bundled setImmediate polyfill; fails the build if it moved. */
export function noEvalInJszip(): Plugin {
  return {
    name: 'attest-no-eval-in-jszip',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]jszip[\\/]dist[\\/]jszip(\.min)?\.js$/.test(id)) return null;
      if (!code.includes('new Function')) return null;
      if (!code.includes(SINK)) {
        // A JSZip upgrade changed the minified text: stop here rather than ship the sink.
        throw new Error(
          `${id}: the setImmediate polyfill changed; update scripts/build/no-eval-in-jszip.ts`,
        );
      }
      return { code: code.split(SINK).join(SAFE), map: null };
    },
  };
}
