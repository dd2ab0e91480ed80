import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const OUT_DIR = '../../dist/web';
const COMPRESSIBLE = /\.(js|css|html|svg|json|wasm|txt)$/;

/** Writes a .gz and a .br beside every text asset, so the API serves them precompressed (SPEC §11). */
function precompress(): Plugin {
  const gzipAsync = promisify(gzip);
  const brotliAsync = promisify(brotliCompress);
  return {
    name: 'pendamping-precompress',
    apply: 'build',
    // After the service worker is built (its plugin's closeBundle is sequential), so sw.js is compressed too.
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const root = join(import.meta.dirname, OUT_DIR);
        const files = (await readdir(root, { recursive: true })).filter((file) => COMPRESSIBLE.test(file));
        await Promise.all(
          files.map(async (file) => {
            const content = await readFile(join(root, file));
            await writeFile(join(root, `${file}.gz`), await gzipAsync(content, { level: 9 }));
            await writeFile(
              join(root, `${file}.br`),
              await brotliAsync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
            );
          }),
        );
      },
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    target: 'es2022',
    // No inline script or style may be emitted: the CSP allows neither.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  // Module workers (the PIN key's Argon2id, SPEC §12), each in a chunk of its own fetched on demand.
  worker: { format: 'es' },
  plugins: [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // main.tsx registers it (in a secure context only); the manifest is public/manifest.webmanifest.
      injectRegister: false,
      manifest: false,
      injectManifest: {
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,svg,webmanifest,wasm}'],
        // Other roles' screens load on demand and are never a companion's (SPEC §12), nor is the QR
        // code of TOTP enrolment, which needs the network anyway.
        globIgnores: ['assets/admin-screens-*', 'assets/report-screens-*', 'assets/qrcode-*'],
      },
    }),
    precompress(),
  ],
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
