import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is loaded from file:// in Electron and from the browser host over HTTP,
// so asset URLs must be relative.
export default defineConfig({
  root: `${import.meta.dirname}/src-renderer`,
  base: './',
  plugins: [react()],
  build: {
    outDir: `${import.meta.dirname}/dist/renderer`,
    emptyOutDir: true,
    sourcemap: true,
  },
});
