// Every command's --help carries realistic examples; `ollm --help` groups commands by section.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { makeHome, runOllm } from '../support/cli.ts';
import { COMMANDS, SECTIONS } from '../../src/commands/registry.ts';

const home = makeHome();

for (const entry of COMMANDS) {
  const name = entry.path.join(' ');
  test(`ollm ${name} --help shows usage and at least one example that runs this command`, async () => {
    const result = await runOllm([...entry.path, '--help'], { env: home.env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`ollm ${name}`));
    const examples = result.stdout.split(/^Examples:$/m)[1];
    assert.ok(examples, `no Examples section:\n${result.stdout}`);
    // yargs wraps long examples, so words may be split across lines.
    assert.match(examples, new RegExp(`ollm\\s+${entry.path.join('\\s+')}\\b`), `an example must run "ollm ${name}":\n${examples}`);
  });
}

test('ollm --help lists every command once, under its section, sections in order', async () => {
  const result = await runOllm(['--help'], { env: home.env });
  assert.equal(result.code, 0, result.stderr);
  const text = result.stdout;
  const positions = Object.values(SECTIONS).map((heading) => text.search(new RegExp(`^${heading}:?$`, 'm')));
  assert.ok(positions.every((p) => p >= 0), `every section heading is shown:\n${text}`);
  assert.deepEqual([...positions].sort((a, b) => a - b), positions, 'sections in the declared order');
  for (const entry of COMMANDS.filter((e) => !e.hidden)) {
    const at = text.search(new RegExp(`^\\s+(ollm )?${entry.path.join(' ')}\\b`, 'm'));
    assert.ok(at >= 0, `${entry.path.join(' ')} is listed:\n${text}`);
    const section = Object.keys(SECTIONS).indexOf(entry.section);
    assert.ok(at > positions[section]! && (section + 1 >= positions.length || at < positions[section + 1]!), `${entry.path.join(' ')} under ${SECTIONS[entry.section]}`);
  }
});

test.after(() => home.cleanup());

// gh's ways to ask for help, and ollm's sentences for mistakes, through the built CLI.

test('ollm help key and ollm help key create show the same help as --help', async () => {
  for (const path of [['key'], ['key', 'create'], ['config'], ['models', 'sync']]) {
    const viaHelp = await runOllm(['help', ...path], { env: home.env });
    const viaFlag = await runOllm([...path, '--help'], { env: home.env });
    assert.equal(viaHelp.code, 0, viaHelp.stderr);
    assert.equal(viaHelp.stdout, viaFlag.stdout, path.join(' '));
    assert.match(viaFlag.stdout, new RegExp(`^Usage:\\n  ollm ${path.join(' ')} `, 'm'));
  }
  const rotate = await runOllm(['key', 'rotate', '-h'], { env: home.env });
  assert.match(rotate.stdout, /^Flags:\n[^]*--grace <duration>[^]*\n\nGlobal flags:\n[^]*\n\nExamples:\n  ollm key rotate\n/m);
});

test('ollm key, config and models --help have examples, one per line', async () => {
  for (const group of ['key', 'config', 'models']) {
    const help = await runOllm([group, '--help'], { env: home.env });
    assert.equal(help.code, 0, help.stderr);
    const examples = help.stdout.split(/^Examples:$/m)[1]!;
    assert.match(examples, new RegExp(`^  ollm ${group} \\S+.*$`, 'm'), `${group} --help:\n${help.stdout}`);
  }
});

const MISTAKES: Array<[string[], string, string]> = [
  [['key', 'create', '--montly'], '✗ Unknown flag --montly for `ollm key create`.', 'Did you mean --monthly? Run `ollm key create --help` for its flags.'],
  [['key', 'creat'], '✗ Unknown command "ollm key creat".', 'Did you mean `ollm key create`? Run `ollm key --help` for its commands: create, info, update, get, list, write, rotate, revoke.'],
  [['version'], '✗ Unknown command "version".', 'The version is a flag: `ollm --version`.'],
  [['help', 'kee'], '✗ Unknown command "kee".', 'Did you mean `ollm key`? Run `ollm --help` for the list of commands.'],
  [['exec', 'printenv', 'X'], '✗ ollm exec runs the command given after --, and "printenv X" came before it.', 'Put the command after --: ollm exec -- printenv X'],
  [['key', 'create', '--alias', 'foo', '--alias', 'bar'], '✗ --alias was given twice ("foo", "bar"); it takes one value.', 'Give --alias once. See `ollm key create --help`.'],
  [['spend', '--days', 'abc'], '✗ --days "abc" is not a whole number of days from 1 to 365.', 'For example --days 7, or --days 90.'],
  [['key', 'info', '--fail-above', 'abc'], '✗ --fail-above "abc" is not a percentage.', 'Give a number from 0 to 1000, e.g. --fail-above 80.'],
  [['spend', '--by', 'week'], '✗ --by "week" is not one of day, model.', 'For example --by day. See `ollm spend --help`.'],
  [['doctor', '-y'], '✗ Unknown flag -y for `ollm doctor`.', 'Run `ollm doctor --help` for its flags.'],
  [['key'], '✗ Name a key command: create, info, update, get, list, write, rotate, revoke.', 'Run `ollm key --help` for usage.'],
];

for (const [argv, message, hint] of MISTAKES) {
  test(`ollm ${argv.join(' ')}: exit 2, "${message.slice(2, 50)}…"`, async () => {
    const result = await runOllm(argv, { env: home.env });
    assert.equal(result.code, 2, result.stderr);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, `${message}\n  ${hint}\n`);
    const json = await runOllm([...argv, '--json'], { env: home.env });
    assert.equal(json.code, 2);
    assert.deepEqual(JSON.parse(json.stdout).error, { message: message.slice(2), hint, code: 'usage' });
  });
}

test('short flags -a, -y, -j, -q are listed in help and accepted', async () => {
  const revoke = await runOllm(['key', 'revoke', '--help'], { env: home.env });
  assert.match(revoke.stdout, /^ {2}-a, --alias <name> /m);
  assert.match(revoke.stdout, /^ {2}-y, --yes /m);
  assert.match(revoke.stdout, /^ {2}-j, --json /m);
  assert.match(revoke.stdout, /^ {2}-q, --quiet /m);
  // -a and -j reach the command as --alias and --json do: the same JSON answer, naming "bot".
  const short = await runOllm(['key', 'get', '-a', 'bot', '-j'], { env: home.env });
  const long = await runOllm(['key', 'get', '--alias', 'bot', '--json'], { env: home.env });
  assert.equal(short.stdout, long.stdout);
  assert.equal(short.code, long.code);
  assert.match(JSON.parse(short.stdout).error.message, /bot@http:\/\/localhost:4000/);
});

test('docs/cli.md shows each mistake exactly as ollm prints it (the key commands included)', async () => {
  const doc = readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8');
  const shown = [...doc.matchAll(/^\$ ollm (.+)\n(✗ .+)\n {2}(.+)$/gm)];
  assert.ok(shown.length >= 7, `the mistakes in docs/cli.md: ${shown.length}`);
  for (const [, command, message, hint] of shown) {
    const result = await runOllm(command!.split(' '), { env: home.env });
    assert.equal(result.stderr, `${message}\n  ${hint}\n`, `docs/cli.md: $ ollm ${command}`);
  }
});
