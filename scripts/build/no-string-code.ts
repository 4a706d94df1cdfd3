// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Plugin } from 'vite';

/**
 * Dead string-to-code sinks in bundled libraries, each replaced by code that cannot evaluate a
 * string. tests/security/build-hygiene.test.ts forbids any `eval`/`Function` in the build, with no
 * allowlist; if an upgrade moves the text, the build stops rather than ship the sink.
 */
const SINKS: Array<{ module: RegExp; sink: string; safe: string; why: string }> = [
  {
    // JSZip's browser build inlines the `setimmediate` polyfill, whose setImmediate(string) turns
    // the string into code. JSZip only ever passes functions.
    module: /[\\/]jszip[\\/]dist[\\/]jszip(\.min)?\.js$/,
    sink: '"function"!=typeof e&&(e=new Function(""+e));',
    safe: 'if("function"!=typeof e)throw new TypeError("setImmediate needs a function");',
    why: 'the setImmediate polyfill',
  },
  {
    // fontkit bundles the `function-bind` polyfill, used only where Function.prototype.bind is
    // missing; it builds the bound function from a string to keep its `length`. A closure does
    // the same job without the sink (the bound function's `length` is not relied on).
    module: /[\\/]@pdf-lib[\\/]fontkit[\\/]dist[\\/]fontkit\.es\.js$/,
    sink: "bound = Function('binder', 'return function (' + boundArgs.join(',') + '){ return binder.apply(this,arguments); }')(binder);",
    safe: 'bound = function () { return binder.apply(this, arguments); };',
    why: 'the function-bind polyfill',
  },
];

/** Vite plugin removing the known dead `Function`/`new Function` sinks of bundled libraries. */
export function noStringCode(): Plugin {
  return {
    name: 'attest-no-string-code',
    enforce: 'pre',
    transform(code, id) {
      const entry = SINKS.find((s) => s.module.test(id));
      if (!entry || !/\bFunction\(/.test(code)) return null;
      if (!code.includes(entry.sink)) {
        throw new Error(`${id}: ${entry.why} changed; update scripts/build/no-string-code.ts`);
      }
      return { code: code.split(entry.sink).join(entry.safe), map: null };
    },
  };
}
