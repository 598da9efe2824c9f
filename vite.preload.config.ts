import { defineConfig } from 'vite';

// The Electron preload runs sandboxed, where require() reaches only 'electron' and a few
// built-ins and ES modules do not load. So the preload and its imports (the KioskApi schemas,
// zod) are bundled into one CommonJS file that requires nothing but 'electron'.
export default defineConfig({
  build: {
    outDir: `${import.meta.dirname}/dist/preload`,
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    target: 'es2022',
    lib: {
      entry: `${import.meta.dirname}/src-main/electron/preload.ts`,
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rollupOptions: {
      external: ['electron'],
    },
  },
});
