// SPDX-License-Identifier: AGPL-3.0-or-later
import preact from '@preact/preset-vite';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type WxtViteConfig } from 'wxt';
import { VERIFIER_ASSET } from './lib/export/verifier-asset';
import { noStringCode } from './scripts/build/no-string-code';

// Every permission here is justified in docs/permissions.md and pinned by tests/unit/manifest.test.ts.
export default defineConfig({
  imports: false,
  srcDir: '.',
  outDir: '.output',
  hooks: {
    // The offline verifier (npm run build:verify) rides along so every exported bundle can carry it.
    'build:publicAssets': (_wxt, files) => {
      const built = resolve(import.meta.dirname, '.output/verify/verify.html');
      // Fail the build, not the user's export later: the vault page refuses to export without it.
      if (!existsSync(built))
        throw new Error(`${built} is missing: run \`npm run build:verify\` first`);
      files.push({ absoluteSrc: built, relativeDest: VERIFIER_ASSET });
    },
  },
  vite: () => ({
    // The preset is typed against the newer vite that vitest brings; WXT builds with its own. The plugin
    // objects are the same at run time.
    plugins: [
      preact() as unknown as NonNullable<WxtViteConfig['plugins']>[number],
      noStringCode() as unknown as NonNullable<WxtViteConfig['plugins']>[number],
    ],
    build: { sourcemap: false },
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'storage',
      'unlimitedStorage',
      'alarms',
      'scripting',
      'downloads',
      // "Capture this page / post / image" in the page's context menu. Firefox MV2 accepts this
      // name as an alias of `menus`.
      'contextMenus',
      // Lock the vault when the operating system's screen locks (idle.onStateChanged 'locked').
      'idle',
      // MHTML page archives; Chromium only (Firefox has no pageCapture and warns on unknown permissions).
      ...(browser === 'firefox' ? [] : ['pageCapture']),
    ],
    host_permissions: ['<all_urls>'],
    content_security_policy:
      manifestVersion === 3
        ? { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" }
        : "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    // Keys both browsers honour, pressed for real in tests/e2e/*-entry-points. Chromium 156 leaves
    // unbound a suggested key it keeps for itself (Alt+Shift+P, W, C and X were), and Firefox on
    // Linux opens the menu whose access key is pressed with Alt (Alt+Shift+S opened History).
    commands: {
      'capture-page': {
        suggested_key: { default: 'Alt+Shift+U' },
        description: '__MSG_commandCapturePage__',
      },
      'capture-post': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_commandCapturePost__',
      },
      // Chrome takes at most four suggested keys; this is the third. Changed or removed at
      // chrome://extensions/shortcuts (about:addons in Firefox), see docs/threat-model.md.
      'panic-wipe': {
        suggested_key: { default: 'Alt+Shift+Q' },
        description: '__MSG_commandPanicWipe__',
      },
    },
    browser_specific_settings: {
      gecko: { id: 'attest@attest.invalid', strict_min_version: '115.0' },
    },
  }),
});
