// `npm pack` makes a package that installs and runs where the source is not: the tarball holds
// only the runtime files (built by prepack), and installed into an empty prefix with an empty
// npm cache — dependencies from the registry, nothing from this repository's node_modules — it
// answers --help and --version, loads its lazy chunks and its native keychain binding, and runs
// through `npx ./ollm-<version>.tgz` as the README says.
import { after } from 'node:test';
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join, relative, sep } from 'node:path';
import { keychainEnv, ROOT } from '../support/cli.ts';
import { EXTERNAL } from '../../bin/bundle-config.mjs';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; files: string[]; dependencies: Record<string, string> };
const TARBALL = `${pkg.name}-${pkg.version}.tgz`;
/** Not copied into the packing folder: what no package may contain, and what is big or generated. */
const NOT_COPIED = new Set(['node_modules', '.git', '.cache', 'dist']);
const INSTALL_TIMEOUT_MS = 8 * 60_000;
const NETWORK_FAILURE = /E(NOTFOUND|AI_AGAIN|CONNREFUSED|CONNRESET|TIMEDOUT|NETUNREACH)|network|socket hang up/i;

const work = mkdtempSync(join(tmpdir(), 'ollm-pack-'));
after(() => rmSync(work, { recursive: true, force: true }));

interface Run { code: number | null; stdout: string; stderr: string }

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

/**
 * The environment of a fresh machine's npm: what `npm test` exported (npm_config_local_prefix,
 * npm_lifecycle_*…) is dropped so nothing points back at this repository; network settings stay;
 * the cache is an empty folder of this test's own.
 */
function freshNpmEnv(): NodeJS.ProcessEnv {
  const keep = /^npm_config_(registry|cafile|ca|strict_ssl|proxy|https_proxy|noproxy|userconfig)$/i;
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) || keep.test(name)));
  delete env.NODE_PATH;
  delete env.NODE_OPTIONS;
  return {
    ...env,
    PATH: [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}

interface PackedFile { path: string; mode: number }

/**
 * `npm pack` in a copy of the repository without dist/ (so prepack must build it) whose
 * node_modules is a link to this one's (the build needs esbuild); the tarball goes to work/out.
 */
const packed = (async () => {
  const copy = join(work, 'repo');
  cpSync(ROOT, copy, {
    recursive: true,
    filter: (source) => {
      const inside = relative(ROOT, source);
      return !NOT_COPIED.has(inside.split(sep)[0]!) && !inside.endsWith('.tgz');
    },
  });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  const out = join(work, 'out');
  mkdirSync(out);
  const result = await run('npm', ['pack', '--json', '--pack-destination', out], { cwd: copy, env: freshNpmEnv(), timeoutMs: 180_000 });
  assert.equal(result.code, 0, `npm pack failed:\n${result.stdout}\n${result.stderr}`);
  const [report] = JSON.parse(result.stdout) as Array<{ filename: string; files: PackedFile[] }>;
  return { report: report!, tarball: join(out, report!.filename), out, dist: join(copy, 'dist') };
})();

test('npm pack builds dist/ first and ships only bin/ollm, dist/, README, LICENSE, CHANGELOG and package.json', { timeout: 300_000 }, async () => {
  const { report, tarball } = await packed;
  assert.equal(report.filename, TARBALL);
  assert.ok(existsSync(tarball));
  const paths = report.files.map((f) => f.path).sort();
  for (const required of ['package.json', 'bin/ollm', 'bin/package.json', 'dist/cli.js', 'dist/key-helper.cjs', 'dist/top-help.cjs', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/THIRD-PARTY-NOTICES.txt']) {
    assert.ok(paths.includes(required), `${required} is in the package: ${paths.join(', ')}`);
  }
  assert.ok(paths.some((p) => p.startsWith('dist/chunks/')), 'the lazily loaded chunks are shipped too');
  const allowed = (p: string) => ['package.json', 'bin/ollm', 'bin/package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(p) || p.startsWith('dist/');
  assert.deepEqual(paths.filter((p) => !allowed(p)), [], 'nothing outside the whitelist');
  for (const banned of ['src/', 'test/', '.ci/', 'node_modules/', 'bin/build.mjs', 'tsconfig.json', 'package-lock.json']) {
    assert.ok(!paths.some((p) => p.startsWith(banned)), `${banned} is not shipped`);
  }
  const launcher = report.files.find((f) => f.path === 'bin/ollm')!;
  assert.ok((launcher.mode & 0o111) !== 0, `bin/ollm is executable (mode ${launcher.mode.toString(8)})`);
  const license = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
  assert.match(license, /^MIT License\n\nCopyright \(c\) 2026 the ollm authors\n/);
  assert.match(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8'), new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\]`, 'm'));
});

/** Every package the built files load by name (`import … from "x"`, `import("x")`, `require("x")`), Node's own left out. */
function packagesLoadedBy(dist: string): string[] {
  const builtins = new Set(builtinModules);
  const names = new Set<string>();
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((file) => /\.c?js$/.test(file));
  for (const file of files) {
    const code = readFileSync(join(dist, file), 'utf8');
    // createRequire(import.meta.url)("x") is how the keychain binding is loaded (in the CommonJS key
    // helper: createRequire)(__ollmImportMetaUrl)("x")); any other `)("x")`
    // is a call of a returned function with a string (ollmFor(…)("doctor")), not a load.
    for (const [, , specifier] of code.matchAll(/(?:\bfrom|\bimport|\brequire|createRequire\)?\((?:import\.meta\.url|__ollmImportMetaUrl)\))\s*\(?\s*(["'])((?:@[\w.~-]+\/)?[\w~-][\w.~-]*(?:\/[\w.~/-]*)?)\1/g)) {
      if (specifier!.startsWith('node:') || builtins.has(specifier!)) continue;
      names.add(specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!);
    }
  }
  return [...names].sort();
}

test('dependencies are exactly the bundle\'s externals (bin/bundle-config.mjs); everything else is bundled, no source maps ship', { timeout: 300_000 }, async () => {
  const { report, dist } = await packed;
  assert.deepEqual(Object.keys(pkg.dependencies).sort(), [...EXTERNAL].sort(), 'package.json dependencies = the build\'s external list');
  assert.deepEqual(packagesLoadedBy(dist), [...EXTERNAL].sort(), 'what the built files load from node_modules');
  assert.deepEqual(report.files.map((f) => f.path).filter((p) => p.endsWith('.map')), [], 'no source maps in the package');
  for (const file of readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))) {
    assert.doesNotMatch(readFileSync(join(dist, file), 'utf8'), /sourceMappingURL/, `${file} points at no source map`);
  }
});

test('the tarball installs into an empty prefix from the registry and runs there; npx runs it too', { timeout: INSTALL_TIMEOUT_MS + 120_000 }, async (t) => {
  const { tarball, out } = await packed;
  const prefix = join(work, 'prefix');
  mkdirSync(prefix);
  // Node looks for packages in every parent's node_modules: none may lead back to this repository's.
  for (let dir = dirname(prefix); dir !== dirname(dir); dir = dirname(dir)) {
    assert.ok(!existsSync(join(dir, 'node_modules')), `${dir}/node_modules would be visible to the installed package`);
  }
  const env = freshNpmEnv();
  const install = await run('npm', ['install', '--prefix', prefix, '--loglevel=warn', tarball], { cwd: work, env, timeoutMs: INSTALL_TIMEOUT_MS });
  if (install.code !== 0 && !process.env.CI && NETWORK_FAILURE.test(install.stderr)) {
    // A laptop offline: say so. In CI (CI set) this is a failure like any other.
    t.skip(`the npm registry cannot be reached: ${install.stderr.trim().split('\n').at(-1)}`);
    return;
  }
  assert.equal(install.code, 0, `npm install failed:\n${install.stdout}\n${install.stderr}`);

  const installed = join(prefix, 'node_modules', '.bin', 'ollm');
  assert.ok(realpathSync(installed).startsWith(realpathSync(prefix) + sep), 'the bin is the installed copy');
  const home = join(work, 'home');
  mkdirSync(home);
  const userEnv: NodeJS.ProcessEnv = { PATH: env.PATH, HOME: home, LANG: 'C.UTF-8', NO_COLOR: '1' };
  const ollm = (args: string[], extra: NodeJS.ProcessEnv = {}) => run(installed, args, { cwd: home, env: { ...userEnv, ...extra } });

  const version = await ollm(['--version']);
  assert.equal(version.code, 0, version.stderr);
  assert.equal(version.stdout.trim(), pkg.version);
  const help = await ollm(['--help']);
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /^ollm <command>/);
  assert.match(help.stdout, /ollm key create/);
  assert.match(help.stdout, /ollm models sync/);
  // On a pipe bin/ollm prints dist/top-help.cjs: the installed copy's text is the installed CLI's.
  const fullHelp = await run(process.execPath, [join(realpathSync(installed), '..', '..', 'dist', 'cli.js'), '--help'], { cwd: home, env: userEnv });
  assert.equal(help.stdout, fullHelp.stdout, 'bin/ollm --help is the CLI\'s own text');
  // A command's own help loads its chunk: the split bundle is complete.
  const commandHelp = await ollm(['models', 'sync', '--help']);
  assert.equal(commandHelp.code, 0, commandHelp.stderr);
  assert.match(commandHelp.stdout, /--prune/);

  // The keychain binding is a native dependency from the registry, not bundled: it must load.
  const keychain = keychainEnv();
  const probe = await ollm(['key', 'get', '--alias', 'packaging-probe', '--proxy-url', 'http://127.0.0.1:9', '--json'], keychain.env);
  assert.equal(probe.code, 1, probe.stdout + probe.stderr);
  const { error } = JSON.parse(probe.stdout) as { error: { code: string; message: string } };
  if (keychain.skip) {
    // No Secret Service to ask: the binding itself reports that there is no D-Bus session.
    assert.equal(error.code, 'keychain_unavailable', error.message);
  } else {
    assert.equal(error.code, 'key_not_found', error.message);
  }

  const npx = await run('npx', ['--yes', `./${basename(tarball)}`, '--help'], { cwd: out, env, timeoutMs: INSTALL_TIMEOUT_MS });
  assert.equal(npx.code, 0, `npx failed:\n${npx.stdout}\n${npx.stderr}`);
  assert.match(npx.stdout, /^ollm <command>/);
  const npxVersion = await run('npx', ['--yes', `./${basename(tarball)}`, '--version'], { cwd: out, env, timeoutMs: INSTALL_TIMEOUT_MS });
  assert.equal(npxVersion.stdout.trim(), pkg.version, npxVersion.stderr);
});
