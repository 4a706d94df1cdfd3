// SPDX-License-Identifier: AGPL-3.0-or-later
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const TARGETS = ['chrome-mv3', 'firefox-mv2'];

interface Manifest {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  content_scripts?: unknown;
  web_accessible_resources?: unknown;
  content_security_policy?: string | { extension_pages?: string };
}

const BROWSER_OF: Record<string, string> = { 'chrome-mv3': 'chromium', 'firefox-mv2': 'firefox' };
const BROWSERS = new Set(['all', 'chromium', 'firefox']);

/** The allowlist table of docs/permissions.md: permission and which browsers ask for it. */
function allowlistRows(): Array<{ permission: string; browsers: string }> {
  const doc = readFileSync(join(ROOT, 'docs/permissions.md'), 'utf8');
  const table = doc.split('## Allowlist')[1]?.split('\n## ')[0] ?? '';
  return [...table.matchAll(/^\| `([^`]+)`\s*\|\s*([^|]*?)\s*\|/gm)].map((m) => ({
    permission: m[1] ?? '',
    browsers: m[2] ?? '',
  }));
}

/** The permissions the table says this target's manifest asks for. */
function allowlist(target: string): string[] {
  const browser = BROWSER_OF[target];
  return allowlistRows()
    .filter((r) => r.browsers === 'all' || r.browsers === browser)
    .map((r) => r.permission)
    .sort();
}

describe('docs/permissions.md allowlist', () => {
  it('names, for every permission, all browsers or exactly one', () => {
    const rows = allowlistRows();
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) expect(BROWSERS, row.permission).toContain(row.browsers);
    expect(new Set(rows.map((r) => r.permission)).size).toBe(rows.length);
  });
});

function manifestOf(target: string): Manifest {
  const path = join(ROOT, '.output', target, 'manifest.json');
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first`);
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

describe.each(TARGETS)('built manifest %s', (target) => {
  it('declares no content scripts and no web-accessible resources', () => {
    const manifest = manifestOf(target);
    expect(manifest.content_scripts).toBeUndefined();
    expect(manifest.web_accessible_resources).toBeUndefined();
  });

  it('asks for exactly the permissions documented in docs/permissions.md', () => {
    const manifest = manifestOf(target);
    const asked = [
      ...(manifest.permissions ?? []),
      ...(manifest.host_permissions ?? []),
      ...(manifest.optional_permissions ?? []),
    ].sort();
    expect(allowlist(target).length).toBeGreaterThan(3);
    expect(asked).toEqual(allowlist(target));
  });

  it('allows only its own scripts (and WebAssembly for the KDF)', () => {
    const manifest = manifestOf(target);
    const csp =
      typeof manifest.content_security_policy === 'string'
        ? manifest.content_security_policy
        : (manifest.content_security_policy?.extension_pages ?? '');
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval';/);
    expect(csp).not.toMatch(/'unsafe-eval'|'unsafe-inline'|https?:/);
  });
});
