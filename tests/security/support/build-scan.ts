// SPDX-License-Identifier: AGPL-3.0-or-later
// Static checks of a built extension folder: what ships must hold no code paths that turn strings
// into code, no code from the network, no source maps, no test hooks, and a manifest that exposes
// nothing to web pages.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Violation {
  rule: string;
  file: string;
  excerpt: string;
}

export interface ScanResult {
  files: number;
  scriptFiles: number;
  bytes: number;
  violations: Violation[];
}

/** Strings only a test hook, a test double or a test runner would leave in shipped code. */
export const TEST_HOOK_STRINGS = [
  '__TEST__',
  '__attest_test',
  'attestTestHook',
  'ATTEST_TEST',
  'testHook',
  'test-hook',
  'import.meta.vitest',
  'vitest',
  'fakeBrowser',
  'fake-indexeddb',
  'playwright',
  'puppeteer',
  'disableEncryption',
  'encryption-off',
];

const CODE_RULES: Array<{ rule: string; re: RegExp }> = [
  { rule: 'eval', re: /(^|[^\w$.])eval\s*\(/g },
  { rule: 'new Function', re: /\bnew\s+Function\s*\(/g },
  // Function("...") without `new` is the same sink.
  { rule: 'Function constructor call', re: /(^|[^\w$.])Function\s*\(\s*["'`]/g },
  { rule: 'string timer', re: /\bset(Timeout|Interval)\s*\(\s*["'`]/g },
  { rule: 'source map comment', re: /sourceMappingURL/g },
  { rule: 'remote import()', re: /\bimport\s*\(\s*["'`](https?:)?\/\//g },
  { rule: 'remote importScripts', re: /\bimportScripts\s*\(\s*["'`](https?:)?\/\//g },
  { rule: 'remote script URL', re: /["'`]https?:\/\/[^"'`\s]*\.(m?js|wasm)(\?[^"'`\s]*)?["'`]/g },
  { rule: 'non-relative import()', re: /\bimport\s*\(\s*(?!["'`]\.{0,2}\/)[^)]/g },
];

const HTML_RULES: Array<{ rule: string; re: RegExp }> = [
  { rule: 'remote <script src>', re: /<script[^>]*\bsrc\s*=\s*["']?(https?:)?\/\//gi },
  { rule: 'inline <script>', re: /<script(?![^>]*\bsrc\s*=)[^>]*>\s*[^<\s]/gi },
  { rule: 'remote <link>', re: /<link[^>]*\bhref\s*=\s*["']?(https?:)?\/\//gi },
  { rule: 'source map comment', re: /sourceMappingURL/g },
];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function excerpt(text: string, index: number): string {
  return text.slice(Math.max(0, index - 40), index + 60).replace(/\s+/g, ' ');
}

function applyRules(
  text: string,
  file: string,
  rules: Array<{ rule: string; re: RegExp }>,
): Violation[] {
  const out: Violation[] = [];
  for (const { rule, re } of rules) {
    for (const m of text.matchAll(re)) out.push({ rule, file, excerpt: excerpt(text, m.index) });
  }
  return out;
}

/** Every directive of a CSP string, lower-cased, by name. */
export function parseCsp(csp: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), values);
  }
  return out;
}

function manifestViolations(manifest: Record<string, unknown>): Violation[] {
  const v = (rule: string, value: unknown): Violation => ({
    rule,
    file: 'manifest.json',
    excerpt: JSON.stringify(value) ?? 'undefined',
  });
  const out: Violation[] = [];
  for (const key of ['web_accessible_resources', 'content_scripts', 'externally_connectable']) {
    if (manifest[key] !== undefined) out.push(v(`manifest has ${key}`, manifest[key]));
  }
  const raw = manifest.content_security_policy;
  const csp =
    typeof raw === 'string'
      ? { extension_pages: raw }
      : typeof raw === 'object' && raw !== null
        ? (raw as Record<string, unknown>)
        : {};
  for (const key of Object.keys(csp)) {
    if (key !== 'extension_pages') out.push(v(`CSP for ${key} declared`, csp[key]));
  }
  const pages = csp.extension_pages;
  if (typeof pages !== 'string') return [...out, v('no extension_pages CSP', raw)];
  const directives = parseCsp(pages);
  const scriptSrc = directives.get('script-src') ?? [];
  if (scriptSrc.join(' ') !== "'self' 'wasm-unsafe-eval'")
    out.push(v("script-src is not exactly 'self' 'wasm-unsafe-eval'", pages));
  for (const [name, values] of directives) {
    if (
      values.some(
        (x) =>
          /unsafe-eval'|unsafe-inline|https?:|^\*$|data:|blob:/.test(x) &&
          x !== "'wasm-unsafe-eval'",
      )
    )
      out.push(v('CSP allows eval, inline or remote code', `${name}: ${pages}`));
  }
  return out;
}

/** Scans one built extension folder; `violations` is empty when it is clean. */
export function scanBuild(dir: string): ScanResult {
  const files = walk(dir);
  const violations: Violation[] = [];
  let bytes = 0;
  let scriptFiles = 0;
  for (const path of files) {
    const file = relative(dir, path);
    const data = readFileSync(path);
    bytes += data.length;
    if (file.endsWith('.map')) violations.push({ rule: 'source map file', file, excerpt: '' });
    if (/\.(png|jpe?g|gif|webp|ico|wasm|woff2?)$/.test(file)) continue;
    const text = data.toString('utf8');
    if (/\.(m?js)$/.test(file)) {
      scriptFiles++;
      violations.push(...applyRules(text, file, CODE_RULES));
    } else if (file.endsWith('.html')) violations.push(...applyRules(text, file, HTML_RULES));
    else if (text.includes('sourceMappingURL'))
      violations.push({ rule: 'source map comment', file, excerpt: '' });
    for (const hook of TEST_HOOK_STRINGS) {
      const at = text.indexOf(hook);
      if (at >= 0)
        violations.push({ rule: `test hook "${hook}"`, file, excerpt: excerpt(text, at) });
    }
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  violations.push(...manifestViolations(manifest));
  return { files: files.length, scriptFiles, bytes, violations };
}
