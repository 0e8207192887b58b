// The renderer bundle: one Solid app served from renderer/index.html. Relative
// base so that the same build loads from Electron's app:// protocol and from the
// browser host. The CSP forbids inline scripts and styles, so the build must emit
// every script and stylesheet as a file (no inlined assets or module preloads).
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [solid()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: false,
    target: 'es2022',
    sourcemap: true,
  },
});
