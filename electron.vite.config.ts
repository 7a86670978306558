// Builds the three parts: main (Electron entry + browser-mode server), preload (CommonJS, as a
// sandboxed preload must be) and the React renderer.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { contractNamesDefine } from './scripts/contract-names-define';

/**
 * The dev server injects React Refresh as an inline script, which the page's strict meta CSP
 * would block. In dev only, the meta tag goes and main's (dev-aware) CSP header applies alone.
 */
const devCsp: Plugin = {
  name: 'aide-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>/, ''),
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
    plugins: [react(), devCsp],
    build: {
      outDir: 'out/renderer',
      // Smaller bundles load faster, above all in the quick-ask popup.
      minify: process.env.AIDE_NO_MINIFY !== '1',
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
