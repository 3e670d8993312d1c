// Bundles src/main.ts into dist/ (ESM, code-split so rarely used parts load lazily).
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // The native keychain binding cannot be bundled; it is resolved from node_modules at run time.
  external: ['@napi-rs/keyring'],
  define: { __OLLM_VERSION__: JSON.stringify(pkg.version) },
  banner: { js: "import { createRequire as __ollmCreateRequire } from 'node:module'; const require = __ollmCreateRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
