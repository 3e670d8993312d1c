// `ollm completion`: the scripts are loaded into real bash, zsh and fish, and asked to complete.
// Expected words come from the command registry and definitions, not from a copy in this file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeHome, runOllm, type TempHome } from '../support/cli.ts';
import { COMMANDS } from '../../src/commands/registry.ts';
import { globalOptions } from '../../src/help/global-options.ts';
import type { Options } from '../../src/parse/options.ts';

let home: TempHome;
before(() => { home = makeHome(); });
after(() => { home.cleanup(); });

const ollm = (args: string[], env: NodeJS.ProcessEnv = {}) => runOllm(args, { env: { ...home.env, ...env } });

function installed(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0'], { stdio: 'ignore' }).status === 0;
}

/** A missing shell skips the test on a developer's machine but fails it in CI (see .ci/run). */
function needs(shell: string): { skip: string | false } {
  if (installed(shell)) return { skip: false };
  if (process.env.CI) return { skip: false };
  return { skip: `${shell} is not installed` };
}

function requireShell(shell: string): void {
  assert.ok(installed(shell), `${shell} is not installed; CI installs it (.ci/run)`);
}

async function script(shell: string): Promise<string> {
  const result = await ollm(['completion', shell]);
  assert.equal(result.code, 0, result.stderr);
  const file = join(home.dir, `ollm.${shell}`);
  writeFileSync(file, result.stdout);
  return file;
}

/** The flags one command offers, from its definition (hidden ones are not offered). */
async function flagsOf(path: string[]): Promise<string[]> {
  const entry = COMMANDS.find((c) => c.path.join(' ') === path.join(' '))!;
  const args = (await entry.load()).default.args as Record<string, Options>;
  return Object.entries(args).filter(([, o]) => !o.hidden).map(([name]) => `--${name}`);
}

const topWords = [...new Set(COMMANDS.map((c) => c.path[0]!))];

// ---- bash: source the script and call the completion function as bash would on TAB.

function bashComplete(file: string, words: string[]): string[] {
  const quoted = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  const program = `source '${file}'
COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; COMP_LINE="\${COMP_WORDS[*]}"; COMP_POINT=\${#COMP_LINE}
_ollm
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', program], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: home.dir } });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr, '', 'the script runs without errors');
  return result.stdout.split('\n').filter(Boolean);
}

test('bash: commands, subcommands, flags and flag values complete from the sourced script', needs('bash'), async () => {
  requireShell('bash');
  const file = await script('bash');
  const registered = spawnSync('bash', ['--norc', '-c', `source '${file}'; complete -p ollm`], { encoding: 'utf8' });
  assert.match(registered.stdout, /complete -F _ollm ollm/);

  assert.deepEqual(bashComplete(file, ['ollm', 'key', 'cr']), ['create']);
  assert.deepEqual(bashComplete(file, ['ollm', '']).sort(), [...topWords].sort());
  assert.deepEqual(bashComplete(file, ['ollm', 'key', '']), COMMANDS.filter((c) => c.path[0] === 'key').map((c) => c.path[1]));
  const createFlags = await flagsOf(['key', 'create']);
  const globalFlags = Object.keys(globalOptions).map((n) => `--${n}`);
  assert.deepEqual(bashComplete(file, ['ollm', 'key', 'create', '--bu']), [...createFlags, ...globalFlags].filter((f) => f.startsWith('--bu')));
  assert.ok(bashComplete(file, ['ollm', 'key', 'create', '--bu']).includes('--budget'));
  const everyFlag = bashComplete(file, ['ollm', 'key', 'create', '--']);
  for (const flag of [...createFlags, ...globalFlags, '--no-openclaw-profile', '--help']) assert.ok(everyFlag.includes(flag), flag);
  assert.ok(bashComplete(file, ['ollm', 'key', 'create', '-']).includes('-q'), 'short aliases too');
  assert.ok(!bashComplete(file, ['ollm', 'key', 'write', '--']).includes('--insecure-storage'), 'hidden flags are not offered');

  assert.deepEqual(bashComplete(file, ['ollm', 'key', 'create', '--openclaw-style', '']), ['litellm', 'anthropic', 'keychain']);
  assert.deepEqual(bashComplete(file, ['ollm', 'key', 'create', '--openclaw-style', '=', 'key']), ['keychain'], '--flag=value as bash splits it');
  assert.deepEqual(bashComplete(file, ['ollm', 'key', 'create', '--write', 'openclaw,pr']), ['openclaw,profile']);
  assert.deepEqual(bashComplete(file, ['ollm', '--proxy-url', 'http://x', 'key', 'in']), ['info'], 'a global flag\'s value is skipped');
  assert.deepEqual(bashComplete(file, ['ollm', 'key', 'info', '--alias', 'create', '--rev']), ['--reveal'], 'a flag value is not taken for a command');
  assert.deepEqual(bashComplete(file, ['ollm', 'config', 'set', '']), ['proxy-url', 'alias', 'style', 'codex-style', 'targets']);
  assert.deepEqual(bashComplete(file, ['ollm', 'config', 'set', 'style', '']), ['litellm', 'anthropic', 'keychain']);
  assert.deepEqual(bashComplete(file, ['ollm', 'completion', 'f']), ['fish']);
  assert.ok(bashComplete(file, ['ollm', 'exec', '--', 'ech']).includes('echo'), 'after -- comes a command line');
  mkdirSync(join(home.dir, 'configs'));
  assert.deepEqual(bashComplete(file, ['ollm', 'key', 'create', '--openclaw-config', join(home.dir, 'conf')]), [join(home.dir, 'configs')]);
});

// ---- zsh: parse it, then load it like a user (fpath + compinit) in an interactive zsh on a pty and press TAB.

/** Types `line` and a TAB into an interactive zsh with the script installed; resolves to what the terminal showed. */
function zshTab(fpathDir: string, line: string, expect: RegExp): Promise<string> {
  const zdotdir = join(home.dir, 'zdot');
  mkdirSync(zdotdir, { recursive: true });
  writeFileSync(join(zdotdir, '.zshrc'), `fpath=('${fpathDir}' $fpath)\nautoload -Uz compinit && compinit -u -d '${zdotdir}/.zcompdump'\nPS1='READY> '\n`);
  const child = spawn('script', ['-qec', 'zsh -i', '/dev/null'], { env: { PATH: process.env.PATH, HOME: home.dir, ZDOTDIR: zdotdir, TERM: 'dumb' } });
  let output = '';
  let typed = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`zsh did not show ${expect} for ${JSON.stringify(line)}; it showed:\n${output}`)); }, 15_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (!typed && output.includes('READY> ')) {
        typed = true;
        child.stdin.write(`${line}\t`);
      } else if (typed && expect.test(output.slice(output.indexOf('READY> ')))) {
        clearTimeout(timer);
        child.kill('SIGKILL');
        resolve(output);
      }
    });
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
  });
}

test('zsh: the script parses, and TAB in a real zsh completes commands, flags and values', needs('zsh'), async () => {
  requireShell('zsh');
  const file = await script('zsh');
  const parsed = spawnSync('zsh', ['-n', file], { encoding: 'utf8' });
  assert.equal(parsed.status, 0, parsed.stderr);
  const fpathDir = join(home.dir, 'zfunc');
  mkdirSync(fpathDir, { recursive: true });
  writeFileSync(join(fpathDir, '_ollm'), (await ollm(['completion', 'zsh'])).stdout);
  await zshTab(fpathDir, 'ollm key cr', /ollm key create /);
  await zshTab(fpathDir, 'ollm key create --openclaw-st', /ollm key create --openclaw-style /);
  await zshTab(fpathDir, 'ollm config set targets openclaw,pro', /openclaw,profile/);
  await zshTab(fpathDir, 'ollm completion fi', /ollm completion fish /);
});

// ---- fish: parse it, then ask fish itself what it would complete.

function fishComplete(file: string, line: string): string[] {
  const result = spawnSync('fish', ['--no-config', '-c', `source '${file}'; complete -C '${line}'`], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: home.dir } });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr, '');
  return result.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]!);
}

test('fish: the script parses, and complete -C answers commands, flags and values', needs('fish'), async () => {
  requireShell('fish');
  const file = await script('fish');
  const parsed = spawnSync('fish', ['--no-config', '-n', file], { encoding: 'utf8' });
  assert.equal(parsed.status, 0, parsed.stderr);
  assert.deepEqual(fishComplete(file, 'ollm key cr'), ['create']);
  assert.deepEqual(fishComplete(file, 'ollm ').sort(), [...topWords].sort());
  assert.deepEqual(fishComplete(file, 'ollm key create --bu').sort(), ['--budget', '--budget-duration']);
  assert.deepEqual(fishComplete(file, 'ollm key info --alias create --rev'), ['--reveal']);
  assert.deepEqual(fishComplete(file, 'ollm key create --openclaw-style ').sort(), ['anthropic', 'keychain', 'litellm']);
  assert.deepEqual(fishComplete(file, 'ollm config set style ').sort(), ['anthropic', 'keychain', 'litellm']);
  assert.deepEqual(fishComplete(file, 'ollm config get ').sort(), ['alias', 'codex-style', 'proxy-url', 'style', 'targets']);
  assert.ok(fishComplete(file, 'ollm exec -- ech').includes('echo'));
});

test('the shell is detected from $SHELL; an unknown one is a usage error naming the choices', async () => {
  const fromShell = await ollm(['completion'], { SHELL: '/usr/bin/fish' });
  assert.equal(fromShell.code, 0, fromShell.stderr);
  assert.match(fromShell.stdout, /^# fish completion for ollm/);
  assert.match((await ollm(['completion'], { SHELL: '/bin/zsh' })).stdout, /^#compdef ollm/);
  const unknown = await ollm(['completion'], { SHELL: '/bin/tcsh' });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /\$SHELL is "\/bin\/tcsh"/);
  assert.match(unknown.stderr, /ollm completion bash\|zsh\|fish/);
  const named = await ollm(['completion', 'powershell']);
  assert.equal(named.code, 2);
  assert.match(named.stderr, /no completion script for "powershell"/);
});

test('the script survives --quiet (it is the data) and --json wraps it', async () => {
  const quiet = await ollm(['completion', 'bash', '--quiet']);
  assert.equal(quiet.code, 0);
  assert.match(quiet.stdout, /complete -F _ollm ollm/);
  const asJson = JSON.parse((await ollm(['completion', 'bash', '--json'])).stdout);
  assert.equal(asJson.shell, 'bash');
  assert.match(asJson.script, /complete -F _ollm ollm/);
});

/** `a b` in yargs' help, where a long example may wrap between `a` and `b`. */
function helpShows(help: string, a: string, b: string): boolean {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`${escape(a)}(?: |[^\\n]*\\n\\s+)${escape(b)}`).test(help);
}

test('completion --help shows the install line for each shell', async () => {
  const help = await ollm(['completion', '--help']);
  assert.equal(help.code, 0, help.stderr);
  assert.ok(helpShows(help.stdout, 'ollm completion bash >', '~/.local/share/bash-completion/completions/ollm'), help.stdout);
  assert.ok(helpShows(help.stdout, 'ollm completion zsh >', '~/.zfunc/_ollm'), help.stdout);
  assert.ok(helpShows(help.stdout, 'ollm completion fish >', '~/.config/fish/completions/ollm.fish'), help.stdout);
});
