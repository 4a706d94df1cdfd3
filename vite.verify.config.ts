// SPDX-License-Identifier: AGPL-3.0-or-later
// Builds the offline verifier, .output/verify.html: one file, every script and style inlined, so a
// lawyer can open it from disk with no network and no install. `npm run build:verify`.
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

function inlineIntoHtml(): Plugin {
  return {
    name: 'attest-inline-into-html',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const html = Object.values(bundle).find((f) => f.fileName.endsWith('.html'));
      if (!html || html.type !== 'asset') throw new Error('verify.html was not produced');
      let page = String(html.source);
      for (const file of Object.values(bundle)) {
        if (file === html) continue;
        const name = file.fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        if (file.type === 'chunk') {
          // `</script` inside the code would end the element early.
          const code = file.code.replace(/<\/script/gi, '<\\/script');
          page = page.replace(
            new RegExp(`<script[^>]*src="[^"]*${name}"[^>]*></script>`),
            () => `<script type="module">${code}</script>`,
          );
        } else if (file.fileName.endsWith('.css')) {
          page = page.replace(
            new RegExp(`<link[^>]*href="[^"]*${name}"[^>]*>`),
            () => `<style>${String(file.source)}</style>`,
          );
        } else throw new Error(`verify.html would need a separate file: ${file.fileName}`);
        delete bundle[file.fileName];
      }
      if (/\ssrc="(?!data:)|<link[^>]*href=/.test(page))
        throw new Error('verify.html still refers to a file');
      html.source = page;
    },
  };
}

export default defineConfig({
  root: resolve(import.meta.dirname, 'standalone'),
  base: './',
  plugins: [preact(), inlineIntoHtml()],
  resolve: { alias: { 'wxt/browser': resolve(import.meta.dirname, 'standalone/i18n-shim.ts') } },
  build: {
    outDir: resolve(import.meta.dirname, '.output/verify'),
    emptyOutDir: true,
    assetsInlineLimit: Number.MAX_SAFE_INTEGER,
    cssCodeSplit: false,
    modulePreload: false,
    sourcemap: false,
    rollupOptions: {
      input: resolve(import.meta.dirname, 'standalone/verify.html'),
      output: { codeSplitting: false },
    },
  },
});
