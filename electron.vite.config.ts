// Builds the three parts: main (Electron entry + browser-mode server), preload (CommonJS, as a
// sandboxed preload must be) and the React renderer.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './common/content-security-policy';
import { contractNamesDefine } from './scripts/contract-names-define';

/**
 * The built page carries the CSP as a meta tag too, from the one policy in
 * common/content-security-policy.ts. The dev server injects React Refresh as an inline script,
 * so in dev the tag is left out and main's dev-aware header applies alone.
 */
const cspMeta: Plugin = {
  name: 'aide-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ meta: true }) },
      injectTo: 'head-prepend',
    },
  ],
};

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'main/index.ts'),
          web: resolve(__dirname, 'main/web/cli.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    define: contractNamesDefine(),
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react(), cspMeta],
    build: {
      outDir: 'out/renderer',
      // Smaller bundles load faster, above all in the quick-ask popup.
      minify: process.env.AIDE_NO_MINIFY !== '1',
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
