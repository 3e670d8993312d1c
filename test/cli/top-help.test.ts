// bin/ollm prints the top-level help itself, without the ES module loader, when stdout has no width
// (a pipe or a file): the text is dist/top-help.cjs, which the build takes from the built CLI.
// It must print exactly what the full CLI prints, every case: each spelling through both
// (`bin/ollm …` and `node dist/cli.js …`, the CLI without the launcher), on a pipe and in
// terminals of several widths (there the launcher leaves it to the CLI, which wraps to the width).
// A copy of the launcher with only dist/top-help.cjs beside it then shows that the pipe case never
// reaches the CLI (there is none to load) and that every other case does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeHome, OLLM, ROOT, runCollected, type RunResult } from '../support/cli.ts';

const CLI = join(ROOT, 'dist', 'cli.js');
const SPELLINGS = [['--help'], ['-h'], ['help']];
const home = makeHome();
test.after(() => home.cleanup());

/** `node <file> …args` with stdout and stderr on pipes. */
function runFile(file: string, args: string[], env: NodeJS.ProcessEnv = home.env): Promise<RunResult> {
  return runCollected(process.execPath, [file, ...args], { env, timeoutMs: 120_000 });
}

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
/** `script` is util-linux's: it runs the line on a pseudo-terminal of `columns` columns. */
const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

/** `node <file> …args` on a terminal `columns` wide: what it printed there, and its exit code. */
function runOnTerminal(file: string, args: string[], columns: number): { code: number | null; output: string } {
  const line = `stty cols ${columns} rows 50; ${[process.execPath, file, ...args].map(quote).join(' ')}`;
  const run = spawnSync('script', ['-qec', line, '/dev/null'], { env: home.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: run.status, output: run.stdout };
}

test('on a pipe, bin/ollm prints the CLI\'s own top-level help, byte for byte, for each spelling', async () => {
  const cli = await runFile(CLI, ['--help']);
  assert.equal(cli.code, 0, cli.stderr);
  assert.match(cli.stdout, /^ollm <command>\n/);
  for (const args of SPELLINGS) {
    const fast = await runFile(OLLM, args);
    const full = await runFile(CLI, args);
    assert.deepEqual(fast, full, args.join(' '));
    assert.equal(fast.stdout, cli.stdout, `${args.join(' ')} is the same help as --help`);
  }
  // The help has no colour and reads no environment: what could, changes nothing on either side.
  for (const extra of [{ NO_COLOR: '1' }, { FORCE_COLOR: '3' }, { TERM: 'dumb' }, { COLUMNS: '50' }, { LANG: 'C' }]) {
    const env = { ...home.env, ...extra };
    const fast = await runFile(OLLM, ['--help'], env);
    assert.deepEqual(fast, await runFile(CLI, ['--help'], env), JSON.stringify(extra));
    assert.equal(fast.stdout, cli.stdout, `${JSON.stringify(extra)}: the same text`);
  }
  // Lines that only look like it: the CLI's answer, whatever it is.
  for (const args of [['help', 'key'], ['--help', '--json'], ['-h', '-h'], ['key', '--help']]) {
    assert.deepEqual(await runFile(OLLM, args), await runFile(CLI, args), args.join(' '));
  }
});

test('on a terminal, the help is wrapped to its width exactly as the CLI wraps it', { skip: hasScript ? false : 'no `script` (util-linux) to run a terminal' }, () => {
  const widths = new Set<string>();
  for (const columns of [0, 72, 100, 140]) {
    for (const args of SPELLINGS) {
      const fast = runOnTerminal(OLLM, args, columns);
      const full = runOnTerminal(CLI, args, columns);
      assert.equal(fast.code, 0, fast.output);
      assert.deepEqual(fast, full, `${args.join(' ')} on ${columns} columns`);
    }
    widths.add(runOnTerminal(CLI, ['--help'], columns).output);
  }
  assert.equal(widths.size, 4, 'each width wraps differently (so a text kept for one width would show)');
});

test('the launcher alone with dist/top-help.cjs answers the pipe case; everything else needs the CLI', async (t) => {
  const alone = mkdtempSync(join(tmpdir(), 'ollm-top-help-'));
  t.after(() => rmSync(alone, { recursive: true, force: true }));
  mkdirSync(join(alone, 'bin'));
  mkdirSync(join(alone, 'dist'));
  for (const file of ['bin/ollm', 'bin/package.json', 'package.json', 'dist/top-help.cjs']) copyFileSync(join(ROOT, file), join(alone, file));
  const launcher = join(alone, 'bin', 'ollm');
  const cli = await runFile(CLI, ['--help']);
  for (const args of SPELLINGS) {
    const own = await runFile(launcher, args);
    assert.deepEqual(own, { ...cli }, `${args.join(' ')} answered without dist/cli.js`);
  }
  const other = await runFile(launcher, ['help', 'key']);
  assert.notEqual(other.code, 0, 'help of a group is the CLI\'s: there is none here');
  assert.match(other.stderr, /dist\/cli\.js/);
  if (hasScript) {
    const terminal = runOnTerminal(launcher, ['--help'], 100);
    assert.notEqual(terminal.code, 0, 'a terminal is the CLI\'s case: there is none here');
    assert.match(terminal.output, /dist\/cli\.js/);
  }
});
