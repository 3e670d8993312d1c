// The top-level help, rendered without yargs: every command under its section, the global flags
// from the one list the parser uses, wrapped to the terminal — and the built CLI answering
// `--help`, `-h` and `help` with it (a command's own help is in command-help.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMANDS, SECTIONS } from '../../src/commands/registry.ts';
import { globalOptions } from '../../src/help/global-options.ts';
import { renderTopHelp } from '../../src/help/top-help.ts';
import { makeHome, runOllm } from '../support/cli.ts';
import { runInTerminal } from '../support/terminal.ts';

/** The lines under a heading, up to the next blank line. */
function block(help: string, heading: string): string[] {
  const lines = help.split('\n');
  const start = lines.indexOf(heading);
  assert.ok(start >= 0, `no "${heading}" heading in:\n${help}`);
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

test('every command people run is listed once, under its own section, sections in order', () => {
  const help = renderTopHelp(100);
  const headings = Object.values(SECTIONS).map((h) => `${h}:`);
  const positions = headings.map((h) => help.split('\n').indexOf(h));
  assert.deepEqual([...positions].sort((a, b) => a - b), positions, 'sections in the order of SECTIONS');
  for (const entry of COMMANDS.filter((e) => !e.hidden)) {
    const name = `ollm ${entry.path.join(' ')}`;
    const section = block(help, `${SECTIONS[entry.section]}:`);
    const line = section.find((l) => l.startsWith(`  ${name}  `));
    assert.ok(line, `${name} under ${SECTIONS[entry.section]}`);
    assert.ok(line.includes(entry.describe.split(' ').slice(0, 4).join(' ')), `${name} with its description`);
    assert.equal(help.split('\n').filter((l) => l.startsWith(`  ${name}  `)).length, 1, `${name} once`);
  }
});

test('the global flags are the parser\'s own, with aliases, value kinds and non-obvious defaults', () => {
  const flags = block(renderTopHelp(100), 'Global flags:').join('\n');
  for (const [name, option] of Object.entries(globalOptions)) {
    assert.match(flags, new RegExp(`--${name}\\b`), name);
    assert.ok(flags.includes(String(option.describe).split(' ').slice(0, 3).join(' ')), `${name} described`);
  }
  assert.match(flags, /-q, --quiet/);
  assert.match(flags, /-j, --json/);
  assert.match(flags, /--timeout <seconds>\s+Seconds to wait for the proxy \[default: 30\]/);
  assert.match(flags, /--proxy-url <url>/);
  assert.doesNotMatch(flags, /default: false/, 'false is every boolean\'s default; not repeated');
  assert.match(flags, /-h, --help/);
  assert.match(flags, /--version/);
});

/** Lines that must fit: all but the example commands, which stay whole to be copied. */
function wrappedLines(help: string): string[] {
  const examples = new Set(block(help, 'Examples:').filter((l) => !l.startsWith('      ')));
  return help.split('\n').filter((l) => !examples.has(l));
}

test('lines are wrapped to the width, descriptions continuing under their column', () => {
  for (const columns of [60, 80, 110]) {
    const longest = Math.max(...wrappedLines(renderTopHelp(columns)).map((l) => l.length));
    assert.ok(longest <= columns, `${columns} columns: a line of ${longest}`);
  }
  assert.ok(Math.max(...renderTopHelp(400).split('\n').map((l) => l.length)) <= 110, 'never wider than 110, like yargs');
  const narrow = block(renderTopHelp(60), 'Keys:');
  const rotate = narrow.findIndex((l) => l.startsWith('  ollm key rotate'));
  const column = narrow[rotate]!.indexOf('Replace');
  assert.match(narrow[rotate + 1]!, new RegExp(`^ {${column}}\\S`), 'the wrapped rest starts under the description');
});

test('the built CLI answers --help, -h and help with it (not yargs), on a pipe at 100 columns', async (t) => {
  const home = makeHome();
  t.after(() => home.cleanup());
  const outputs = [];
  for (const ask of ['--help', '-h', 'help']) {
    const result = await runOllm([ask], { env: home.env });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    outputs.push(result.stdout);
  }
  assert.equal(outputs[0], renderTopHelp(undefined));
  assert.equal(outputs[1], outputs[0]);
  assert.equal(outputs[2], outputs[0]);
  assert.match(outputs[0]!, /^Keys:$/m, 'grouped by section, which yargs does not do');
});

test('on a terminal the help fits the terminal\'s width', async (t) => {
  const home = makeHome();
  t.after(() => home.cleanup());
  const result = await runInTerminal(['--help'], home.env, { columns: 64 });
  assert.equal(result.code, 0, result.stdout);
  const help = result.stdout.replace(/\r/g, '');
  assert.match(help, /^Keys:$/m, help);
  assert.ok(Math.max(...wrappedLines(help).map((l) => l.length)) <= 64, help);
  assert.ok(help.split('\n').some((l) => l.length > 60 && l.length <= 64), 'the width is used, not a fixed narrower one');
});

test('ollm openclaw resolve (run by OpenClaw) is not listed, but its own help works', async (t) => {
  assert.doesNotMatch(renderTopHelp(100), /openclaw resolve/);
  const home = makeHome();
  t.after(() => home.cleanup());
  const help = await runOllm(['openclaw', 'resolve', '--help'], { env: home.env });
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /^Usage:\n  ollm openclaw resolve \[flags\]$/m);
});

test('a command\'s own help has its flags and examples; no command is a usage error', async (t) => {
  const home = makeHome();
  t.after(() => home.cleanup());
  const create = await runOllm(['key', 'create', '--help'], { env: home.env });
  assert.equal(create.code, 0, create.stderr);
  assert.match(create.stdout, /--budget/);
  assert.match(create.stdout, /Examples:/);
  const group = await runOllm(['key', '--help'], { env: home.env });
  assert.equal(group.code, 0, group.stderr);
  assert.match(group.stdout, /ollm key create/);
  const none = await runOllm([], { env: home.env });
  assert.equal(none.code, 2, 'no command is still a usage error');
  assert.match(none.stderr, /Name a command/);
});
