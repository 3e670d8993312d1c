// One command's help and a group's, laid out as gh does; and ollm's own sentences for mistakes
// in a command line (the parser's, parse/parse-line.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMANDS, GROUPS } from '../../src/commands/registry.ts';
import { renderCommandHelp, renderGroupHelp } from '../../src/help/command-help.ts';
import { GROUP_EXAMPLES } from '../../src/help/group-examples.ts';
import { closest } from '../../src/help/suggest.ts';
import { parseCommandLine } from '../../src/parse/parse-line.ts';
import { noCommandError, unknownCommandError } from '../../src/parse/unknown-command.ts';
import { UsageError } from '../../src/errors.ts';

async function commandOf(path: string[]) {
  const entry = COMMANDS.find((e) => e.path.join(' ') === path.join(' '))!;
  return { entry, definition: (await entry.load()).default };
}

function section(help: string, heading: string): string[] {
  const lines = help.split('\n');
  const start = lines.indexOf(heading);
  assert.ok(start >= 0, `no "${heading}" in:\n${help}`);
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

test('a command\'s help: what it does, usage, its own flags with placeholders, then global flags, then examples', async () => {
  const { entry, definition } = await commandOf(['key', 'rotate']);
  const help = renderCommandHelp(entry, definition, 100);
  const lines = help.split('\n');
  assert.match(lines[0]!, /^Replace a key with a new one \(same settings and spend\)/);
  assert.match(lines[1]!, /^\S/, 'the description wraps at the width, not indented');
  assert.deepEqual(section(help, 'Usage:'), ['  ollm key rotate [flags]']);
  const own = section(help, 'Flags:').join('\n');
  assert.match(own, /^ {6}--grace <duration> {2,}Keep the old key working/m);
  assert.match(own, /^ {6}--concurrency <n> {2,}Keys rotated at the same time \[default: 4\]$/m);
  assert.match(own, /^ {2}-a, --alias <name> /m);
  assert.match(own, /^ {6}--dry-run {2,}Print the plan; change nothing$/m, 'a boolean has no placeholder and no [default: false]');
  assert.doesNotMatch(own, /--json/, 'global flags are not among the command\'s own');
  assert.ok(lines.indexOf('Flags:') < lines.indexOf('Global flags:') && lines.indexOf('Global flags:') < lines.indexOf('Examples:'));
  const globals = section(help, 'Global flags:').join('\n');
  assert.match(globals, /^ {2}-j, --json /m);
  assert.match(globals, /^ {2}-q, --quiet /m);
  assert.match(globals, /^ {6}--timeout <seconds> /m);
  // Each example is one whole line (to copy), its meaning indented under it.
  const examples = section(help, 'Examples:');
  for (const [example, meaning] of definition.examples) {
    const at = examples.indexOf(`  ${example}`);
    assert.ok(at >= 0, `example on its own line: ${example}`);
    assert.ok(examples[at + 1]!.startsWith(`      ${meaning.split(' ')[0]}`), meaning);
  }
});

test('choices are listed with the flag, and hidden flags and positionals are not flags', async () => {
  const spend = await commandOf(['spend']);
  assert.match(renderCommandHelp(spend.entry, spend.definition, 100), /--by <view> {2,}Show only the daily chart[^]*\{day\|model\}/);
  const set = await commandOf(['config', 'set']);
  const help = renderCommandHelp(set.entry, set.definition, 100);
  assert.deepEqual(section(help, 'Usage:'), ['  ollm config set <name> [value] [flags]']);
  assert.deepEqual(section(help, 'Flags:').map((l) => l.trim().split(/\s{2,}/)[0]), ['--unset']);
  // Positionals have their own section, from the definition's positionals.
  assert.deepEqual(section(help, 'Arguments:').map((l) => l.trim().split(/\s{2,}/)[0]), ['<name>', '[value]']);
  assert.match(section(help, 'Arguments:')[0]!, /<name> {2,}One of proxy-url, alias/);
  const keyInfo = await commandOf(['key', 'info']);
  assert.ok(!renderCommandHelp(keyInfo.entry, keyInfo.definition, 100).includes('Arguments:'), 'no section without positionals');
  const exec = await commandOf(['exec']);
  assert.deepEqual(section(renderCommandHelp(exec.entry, exec.definition, 100), 'Usage:'), ['  ollm exec [flags] -- <command> [args…]']);
});

test('a group\'s help lists its commands, the global flags and examples', () => {
  for (const group of Object.keys(GROUPS)) {
    const help = renderGroupHelp(group, 100);
    assert.deepEqual(section(help, 'Usage:'), [`  ollm ${group} <command> [flags]`]);
    const commands = section(help, 'Commands:').filter((l) => /^  \S/.test(l)).map((l) => l.trim().split(/\s+/)[0]);
    assert.deepEqual(commands, COMMANDS.filter((e) => e.path[0] === group).map((e) => e.path[1]));
    assert.ok(GROUP_EXAMPLES[group]!.length > 0, `${group} has examples`);
    for (const [example] of GROUP_EXAMPLES[group]!) {
      assert.ok(section(help, 'Examples:').includes(`  ${example}`), example);
      assert.match(example, new RegExp(`ollm ${group} `), 'an example runs a command of the group');
    }
    assert.match(help, new RegExp(`Run \`ollm ${group} <command> --help\` or \`ollm help ${group} <command>\``));
  }
});

test('closest: a typo within reach, a unique prefix, nothing when far', () => {
  assert.equal(closest('--montly', ['--monthly', '--weekly', '--daily']), '--monthly');
  assert.equal(closest('creat', ['create', 'info', 'rotate']), 'create');
  assert.equal(closest('ifno', ['create', 'info']), 'info', 'two letters swapped');
  assert.equal(closest('rot', ['rotate', 'revoke']), 'rotate', 'a unique prefix');
  assert.equal(closest('zzzzzz', ['create', 'info']), undefined);
});

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return error;
  }
  assert.fail('no usage error');
}

test('unknown commands: named as typed, with the closest one and the help to read', () => {
  let error = unknownCommandError(['key', 'creat'])!;
  assert.equal(error.message, 'Unknown command "ollm key creat".');
  assert.equal(error.hint, 'Did you mean `ollm key create`? Run `ollm key --help` for its commands: create, info, update, get, list, write, rotate, revoke.');
  error = unknownCommandError(['version'])!;
  assert.equal(error.message, 'Unknown command "version".');
  assert.equal(error.hint, 'The version is a flag: `ollm --version`.');
  error = unknownCommandError(['doctr'])!;
  assert.equal(error.hint, 'Did you mean `ollm doctor`? Run `ollm --help` for the list of commands.');
  assert.equal(unknownCommandError(['frobnicate'])!.hint, 'Run `ollm --help` for the list of commands.');
  assert.equal(unknownCommandError(['--json', 'key']), null, 'a line starting with a flag is left to noCommandError');
  assert.equal(unknownCommandError(['key']), null, 'a group without its command is "Name a key command"');
  assert.equal(noCommandError(['--json', 'key']).message, 'Name a key command: create, info, update, get, list, write, rotate, revoke.');
  assert.equal(noCommandError(['--json', 'key']).hint, 'Run `ollm key --help` for usage.');
  assert.equal(noCommandError([]).message, 'Name a command, e.g. `ollm key create`.');
  assert.equal(noCommandError(['--json', 'frob']).message, 'Unknown command "frob".');
});

test('command lines: ollm\'s sentences for typos, repeats, choices, missing values and stray words', async () => {
  const create = await commandOf(['key', 'create']);
  const check = (argv: string[], c = create) => parseCommandLine(argv, c.entry, c.definition);
  let error = usageError(() => check(['key', 'create', '--montly']));
  assert.equal(error.message, 'Unknown flag --montly for `ollm key create`.');
  assert.equal(error.hint, 'Did you mean --monthly? Run `ollm key create --help` for its flags.');
  error = usageError(() => check(['key', 'create', '--alias', 'foo', '--alias', 'bar']));
  assert.equal(error.message, '--alias was given twice ("foo", "bar"); it takes one value.');
  assert.equal(error.hint, 'Give --alias once. See `ollm key create --help`.');
  error = usageError(() => check(['key', 'create', '-a', 'foo', '--alias=bar']));
  assert.match(error.message, /^--alias was given twice/, 'the short form counts as the flag');
  error = usageError(() => check(['key', 'create', '--budget']));
  assert.equal(error.message, '--budget needs a value.');
  assert.equal(error.hint, 'For example --budget <usd>. See `ollm key create --help`.');
  error = usageError(() => check(['key', 'create', 'extra']));
  assert.equal(error.message, '`ollm key create` does not take "extra".');
  error = usageError(() => check(['key', 'create', '-x']));
  assert.equal(error.message, 'Unknown flag -x for `ollm key create`.');
  error = usageError(() => check(['key', 'create', '--openclaw-style', 'plain']));
  assert.equal(error.message, '--openclaw-style "plain" is not one of litellm, anthropic, keychain.');
  assert.equal(error.hint, 'For example --openclaw-style litellm. See `ollm key create --help`.');

  const spend = await commandOf(['spend']);
  error = usageError(() => check(['spend', '--by', 'week'], spend));
  assert.equal(error.message, '--by "week" is not one of day, model.');
  const exec = await commandOf(['exec']);
  error = usageError(() => check(['exec', 'printenv', 'X'], exec));
  assert.equal(error.message, 'ollm exec runs the command given after --, and "printenv X" came before it.');
  assert.equal(error.hint, 'Put the command after --: ollm exec -- printenv X');
  const set = await commandOf(['config', 'set']);
  error = usageError(() => check(['config', 'set'], set));
  assert.equal(error.message, '`ollm config set` needs <name>.');
  error = usageError(() => check(['config', 'set', 'alias', 'x', 'y'], set));
  assert.equal(error.message, '`ollm config set` does not take "y" after <name> [value].');
});

test('command lines yargs accepted pass, and each flag gets what was typed', async () => {
  const create = await commandOf(['key', 'create']);
  const args = parseCommandLine(['--json', 'key', 'create', '-a', 'bot', '--budget', '5', '--models', 'a', 'b', '--write', 'openclaw',
    '--write=profile', '--no-openclaw-profile', '-qj', '--metadata', 'k=v', '--json', 'true'], create.entry, create.definition);
  assert.equal(args.alias, 'bot');
  assert.equal(args.budget, '5');
  assert.deepEqual(args.models, ['a', 'b']);
  assert.deepEqual(args.write, ['openclaw', 'profile']);
  assert.equal(args.openclawProfile, false);
  assert.equal(args.quiet, true);
  assert.equal(args.json, true);
  const info = await commandOf(['key', 'info']);
  assert.equal(parseCommandLine(['key', 'info', '--fail-above', '-5'], info.entry, info.definition).failAbove, -5);
  const set = await commandOf(['config', 'set']);
  assert.equal(parseCommandLine(['config', 'set', 'alias', '--unset'], set.entry, set.definition).unset, true);
});
