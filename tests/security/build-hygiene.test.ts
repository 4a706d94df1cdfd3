// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, build hygiene: the shipped folders hold no source maps, no string-to-code sinks, no
// remote code, no test hooks, and a manifest that gives web pages nothing to reach.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanBuild, type Violation } from './support/build-scan';

const ROOT = resolve(import.meta.dirname, '../..');
const TARGETS = ['chrome-mv3', 'firefox-mv2'];

const show = (violations: Violation[]): string[] =>
  violations.map((v) => `${v.rule} in ${v.file}: ${v.excerpt}`);

describe('build hygiene', () => {
  for (const target of TARGETS) {
    it(`${target}: no source maps, eval, remote code, test hooks; strict CSP; nothing exposed`, () => {
      const dir = join(ROOT, '.output', target);
      expect(existsSync(join(dir, 'manifest.json')), `${dir} is not built (npm run build)`).toBe(
        true,
      );
      const result = scanBuild(dir);
      console.log(
        `build hygiene ${target}: ${result.files} files (${result.scriptFiles} scripts, ` +
          `${(result.bytes / 1024).toFixed(0)} KiB) scanned, ${result.violations.length} violations`,
      );
      // No allowlist: the dead string-to-code sinks of bundled libraries are removed at build time
      // (scripts/build/no-string-code.ts).
      expect(show(result.violations)).toEqual([]);
    });
  }

  describe('positive control: the scanner flags a build that breaks every rule', () => {
    const dir = mkdtempSync(join(tmpdir(), 'attest-bad-build-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reports each planted violation', () => {
      mkdirSync(join(dir, 'chunks'));
      const files: Record<string, string> = {
        'background.js': 'const x = eval("1+1");\n//# sourceMappingURL=background.js.map\n',
        'background.js.map': '{}',
        'chunks/a.js':
          'const f = new Function("return 1"); const g = Function("return this"); ' +
          'setTimeout("alert(1)", 1); import("https://cdn.example/x.js"); import(someUrl);',
        'chunks/b.js': 'importScripts("https://cdn.example/w.js"); window.__TEST__ = fakeBrowser;',
        'page.html':
          '<script src="https://cdn.example/lib.js"></script><script>alert(1)</script>' +
          '<link rel="modulepreload" href="//cdn.example/m.js">',
        'manifest.json': JSON.stringify({
          manifest_version: 3,
          content_scripts: [{ matches: ['<all_urls>'], js: ['c.js'] }],
          web_accessible_resources: [{ resources: ['*'], matches: ['<all_urls>'] }],
          externally_connectable: { matches: ['https://*/*'] },
          content_security_policy: {
            extension_pages: "script-src 'self' 'unsafe-eval' https://cdn.example",
            sandbox: "sandbox allow-scripts; script-src 'self' 'unsafe-inline'",
          },
        }),
      };
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      const rules = new Set(scanBuild(dir).violations.map((v) => v.rule));
      const expected = [
        'eval',
        'new Function',
        'Function constructor call',
        'string timer',
        'source map comment',
        'source map file',
        'remote import()',
        'non-relative import()',
        'remote importScripts',
        'remote script URL',
        'remote <script src>',
        'inline <script>',
        'remote <link>',
        'test hook "__TEST__"',
        'test hook "fakeBrowser"',
        'manifest has content_scripts',
        'manifest has web_accessible_resources',
        'manifest has externally_connectable',
        "script-src is not exactly 'self' 'wasm-unsafe-eval'",
        'CSP allows eval, inline or remote code',
        'CSP for sandbox declared',
      ];
      console.log(
        `build hygiene positive control: ${expected.filter((r) => rules.has(r)).length}/${expected.length} planted violation kinds flagged`,
      );
      expect([...rules].sort()).toEqual(expect.arrayContaining(expected));
      expect(expected.filter((r) => !rules.has(r))).toEqual([]);
    });
  });
});
