import { defineConfig } from 'vite';

// Preact through esbuild's automatic JSX runtime: no Babel plugin needed.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    assetsInlineLimit: 0, // Every asset is a file under /assets/: nothing inline for the CSP.
    modulePreload: { polyfill: false },
  },
  server: {
    // `npm run dev` against `make run`'s server.
    proxy: { '/api': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' },
  },
});
