// Bundles src/main.ts into dist/ (ESM, code-split so rarely used parts load lazily), and the key
// helper (src/key-helper/main.ts) into one CommonJS file of its own, dist/key-helper.cjs: what the
// assistants run for their key, loaded with require() and nothing else (docs/performance.md). The
// helper hands anything it does not answer to dist/cli-process.js, the CLI as a function.
import { build } from 'esbuild';
import { readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXTERNAL } from './bundle-config.mjs';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const dist = new URL('../dist', import.meta.url);
// Built beside dist/ and swapped in at the end, so a CLI started meanwhile (a test running while
// the tree is rebuilt) never finds dist/ empty or half-written.
const fresh = new URL(`../dist.build-${process.pid}`, import.meta.url);
const stale = new URL(`../dist.stale-${process.pid}`, import.meta.url);
// What both bundles share; a failed build leaves no half-built folder behind.
const common = {
  outdir: fileURLToPath(fresh),
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  external: EXTERNAL,
  // No source maps in the package: they were two thirds of it, and the bundle is not minified, so
  // a --debug stack already names real functions in readable code. `--sourcemap` makes them for
  // local debugging (then run `node --enable-source-maps bin/ollm …`).
  sourcemap: process.argv.includes('--sourcemap') ? 'linked' : false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};
const bundle = (options) => build({ ...common, ...options }).catch(async (error) => {
  await rm(fresh, { recursive: true, force: true });
  throw error;
});
const result = await bundle({
  entryPoints: { cli: 'src/main.ts', 'cli-process': 'src/cli-process.ts' },
  splitting: true,
  format: 'esm',
  define: { __OLLM_VERSION__: JSON.stringify(pkg.version) },
  banner: { js: "import { createRequire as __ollmCreateRequire } from 'node:module'; const require = __ollmCreateRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
});
const helper = await bundle({
  entryPoints: { 'key-helper': 'src/key-helper/main.ts' },
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // keychain-backend.ts finds @napi-rs/keyring with createRequire(import.meta.url).
  define: { 'import.meta.url': '__ollmImportMetaUrl' },
  banner: { js: "const __ollmImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
await writeNotices({ inputs: { ...result.metafile.inputs, ...helper.metafile.inputs } }, fileURLToPath(fresh));
await rename(dist, stale).catch((error) => { if (error.code !== 'ENOENT') throw error; });
await rename(fresh, dist);
await rm(stale, { recursive: true, force: true });

/**
 * The bundle contains other packages' code (MIT, ISC, …), whose licenses ask that their notices go
 * with every copy: collect the license file of each bundled package into one file in dist/.
 */
async function writeNotices(metafile, outdir) {
  const packages = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packages.add(match[1]);
  }
  const sections = [];
  for (const name of [...packages].sort()) {
    const dir = join('node_modules', name);
    const { version, license } = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    const file = (await readdir(dir)).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = file ? await readFile(join(dir, file), 'utf8') : `License: ${license ?? 'unknown'} (no license file in the package)`;
    sections.push(`${name}@${version} (${license ?? 'unknown'})\n\n${text.trim()}\n`);
  }
  await writeFile(join(outdir, 'THIRD-PARTY-NOTICES.txt'),
    `ollm's bundle (dist/) includes code from these packages, under their licenses:\n\n${sections.join(`\n${'-'.repeat(72)}\n\n`)}`);
}
