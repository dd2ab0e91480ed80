import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The offline library's test entry (src/offline/browser-test-entry.ts), built apart from the app so
 * that nothing of it ships: the browser tests build it into .run/ and serve it under
 * /__phone-vault__/ to the app's page, with the headers the API serves.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/__phone-vault__/',
  logLevel: 'warn',
  build: {
    outDir: resolve(import.meta.dirname, '../../.run/phone-vault-build'),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: false,
    rollupOptions: {
      input: { entry: resolve(import.meta.dirname, 'src/offline/browser-test-entry.ts') },
      preserveEntrySignatures: 'strict',
      output: { entryFileNames: '[name].js' },
    },
  },
  worker: { format: 'es' },
});
