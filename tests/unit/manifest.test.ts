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

/** The allowlist is the first column of the table in docs/permissions.md. */
function allowlist(): string[] {
  const doc = readFileSync(join(ROOT, 'docs/permissions.md'), 'utf8');
  const table = doc.split('## Allowlist')[1]?.split('\n## ')[0] ?? '';
  return [...table.matchAll(/^\| `([^`]+)`\s*\|/gm)].map((m) => m[1] ?? '').sort();
}

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
    expect(allowlist().length).toBeGreaterThan(3);
    expect(asked).toEqual(allowlist());
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
