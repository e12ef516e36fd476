import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const bff = process.env.BFF_URL ?? 'http://localhost:7001';
// Same targets for `vite` and `vite preview`, so a built app can be tried against a running bff.
const proxy = {
  '/api': { target: bff, changeOrigin: true },
  '/api-docs': { target: bff, changeOrigin: true },
};

export default defineConfig({
  base: '/',
  plugins: [react()],
  resolve: {
    // contracts is compiled to CommonJS for bff; the browser build reads its TypeScript source
    // instead, so admin always sees the current types and Vite need not convert CommonJS.
    alias: {
      '@dzky/contracts': fileURLToPath(new URL('../contracts/src/index.ts', import.meta.url)),
    },
  },
  server: { port: 7100, strictPort: true, proxy },
  preview: { port: 7100, strictPort: true, proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    include: ['src/**/*.test.{ts,tsx}'],
    testTimeout: 30000,
  },
});
