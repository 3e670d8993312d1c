// Generated from every command's declared flags and positionals: for each command, fast-check
// writes lines that use its options in every spelling the parser accepts (`--flag value`,
// `--flag=value`, camelCase, short aliases, `--no-flag`, `--flag true|false`, negative numbers,
// repeated and gathered list flags, flags before the command, `--` and what follows). The parser
// must read exactly what the generator meant (the model), and yargs, the oracle it replaced,
// must read the flags the same way. A second property writes mistakes, which must be refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import yargs from 'yargs';
import { COMMANDS, type CommandEntry } from '../../src/commands/registry.ts';
import type { CommandDefinition } from '../../src/commands/command.ts';
import { globalOptions } from '../../src/help/global-options.ts';
import { parseCommandLine } from '../../src/parse/parse-line.ts';
import { aliasesOf, camelCase, type Options, type Positional } from '../../src/parse/options.ts';
import { UsageError } from '../../src/errors.ts';

const loaded = await Promise.all(COMMANDS.map(async (entry) => ({ entry, definition: (await entry.load()).default })));

/** A word that is a value and nothing else: not a flag, not true/false (which a switch could take). */
const plainWord = fc.stringMatching(/^[a-z0-9][a-z0-9=._:/,]{0,8}$/).filter((w) => w !== 'true' && w !== 'false');

function valueOf(option: Options): fc.Arbitrary<string> {
  if (option.choices) return fc.constantFrom(...option.choices);
  if (option.type === 'number') {
    return fc.oneof(fc.integer({ min: -1000, max: 100_000 }), fc.integer({ min: -9999, max: 9999 }).map((n) => n / 100)).map(String);
  }
  return plainWord;
}

interface Use { words: string[]; name: string; value: unknown; flagsOnly: boolean }

/** One use of a flag in one of its spellings, and what it means. */
function useOf(name: string, option: Options): fc.Arbitrary<Use> {
  const shorts = aliasesOf(option).filter((a) => a.length === 1).map((a) => `-${a}`);
  const longs = [`--${name}`, ...(camelCase(name) !== name ? [`--${camelCase(name)}`] : []), ...aliasesOf(option).filter((a) => a.length > 1).map((a) => `--${a}`)];
  const spellings = [...longs, ...shorts];
  if (option.type === 'boolean') {
    return fc.oneof(
      fc.constantFrom(...spellings).map((flag) => ({ words: [flag], name, value: true, flagsOnly: true })),
      fc.constant<Use>({ words: [`--no-${name}`], name, value: false, flagsOnly: true }),
      fc.tuple(fc.constantFrom(...longs), fc.boolean(), fc.boolean()).map(([flag, value, inline]) => ({
        words: inline ? [`${flag}=${value}`] : [flag, String(value)], name, value, flagsOnly: true,
      })),
    );
  }
  const read = (text: string) => (option.type === 'number' ? Number(text) : text);
  if (option.array) {
    // Repeated (`--write a --write=b`) or gathered (`--models a b`): the values add up, in order.
    return fc.array(fc.tuple(valueOf(option), fc.constantFrom(...spellings), fc.boolean()), { minLength: 1, maxLength: 3 })
      .chain((parts) => fc.boolean().map((gathered) => {
        if (gathered) return { words: [spellings[0]!, ...parts.map(([v]) => v)], name, value: parts.map(([v]) => read(v)), flagsOnly: false };
        const words = parts.flatMap(([v, flag, inline]) => (inline && flag.startsWith('--') ? [`${flag}=${v}`] : [flag, v]));
        return { words, name, value: parts.map(([v]) => read(v)), flagsOnly: true };
      }));
  }
  return fc.tuple(valueOf(option), fc.constantFrom(...spellings), fc.boolean()).map(([v, flag, inline]) => ({
    words: inline && flag.startsWith('--') ? [`${flag}=${v}`] : [flag, v], name, value: read(v), flagsOnly: true,
  }));
}

function optionsOf(definition: CommandDefinition<any, any>): Record<string, Options> {
  return { ...globalOptions, ...definition.args };
}

/** A whole line for one command: some flags once each, in any order, some before the command. */
function lineOf(entry: CommandEntry, definition: CommandDefinition<any, any>) {
  const options = optionsOf(definition);
  const positionals: readonly Positional[] = definition.positionals ?? [];
  return fc.record({
    uses: fc.uniqueArray(fc.constantFrom(...Object.keys(options)), { maxLength: 6 })
      .chain((names): fc.Arbitrary<Use[]> => (names.length === 0 ? fc.constant([]) : fc.tuple(...names.map((n) => useOf(n, options[n]!))))),
    positionals: fc.array(plainWord, { minLength: positionals.filter((p) => p.required).length, maxLength: positionals.length }),
    before: fc.nat(2),
    passed: definition.passThrough ? fc.array(fc.oneof(plainWord, fc.constantFrom('--json', '-a', '--')), { maxLength: 3 }) : fc.constant(undefined),
  }).map(({ uses, positionals: words, before, passed }) => {
    // A gathered list takes the words after it: it goes last, so positionals are never gathered.
    const ordered = [...uses.filter((u) => u.flagsOnly), ...uses.filter((u) => !u.flagsOnly)];
    const ahead = ordered.slice(0, ordered[before - 1]?.flagsOnly === false ? 0 : before);
    const after = ordered.slice(ahead.length);
    const aheadWords = ahead.flatMap((u) => u.words);
    const argv = [...aheadWords, ...entry.path, ...words, ...after.flatMap((u) => u.words), ...(passed ? ['--', ...passed] : [])];
    // Where the command's words are (a value before them may be spelt like them: `--codex-style env env`).
    return { argv, uses, words, passed, at: aheadWords.length };
  });
}

for (const { entry, definition } of loaded) {
  const options = optionsOf(definition);
  test(`ollm ${entry.path.join(' ')}: every flag in every spelling is read as meant, and as yargs reads it`, () => {
    fc.assert(fc.property(lineOf(entry, definition), ({ argv, uses, words, passed, at }) => {
      const args = parseCommandLine(argv, entry, definition);
      for (const [name, option] of Object.entries(options)) {
        const expected = uses.find((u) => u.name === name)?.value ?? option.default;
        for (const key of [name, camelCase(name), ...aliasesOf(option)]) assert.deepEqual(args[key], expected, `${key} in ${argv.join(' ')}`);
      }
      (definition.positionals ?? []).forEach((p, i) => assert.equal(args[p.name], words[i], `<${p.name}>`));
      assert.deepEqual(args['--'], passed);
      // The oracle: yargs, given the same options, reads the same flags. It gets the line without
      // the command's words, which ollm finds first (yargs would gather them into a list flag before them).
      const theirs = yargs([...argv.slice(0, at), ...argv.slice(at + entry.path.length)]).options(options as never)
        .parserConfiguration({ 'populate--': true }).help(false).version(false)
        // yargs exits the process on a value it refuses: throw instead, so the line is reported.
        .exitProcess(false).fail((message, error) => { throw error ?? new Error(`yargs refused ${argv.join(' ')}: ${message}`); })
        .parseSync() as Record<string, unknown>;
      for (const [name, option] of Object.entries(options)) {
        for (const key of [name, camelCase(name), ...aliasesOf(option)]) assert.deepEqual(args[key], theirs[key], `yargs: ${key} in ${argv.join(' ')}`);
      }
    }), { numRuns: Number(process.env.OLLM_PARSE_RUNS) || 60 });
  });

  test(`ollm ${entry.path.join(' ')}: every kind of mistake with its flags is refused with a usage error`, () => {
    const takingValue = Object.entries(options).filter(([, o]) => o.type !== 'boolean');
    const single = takingValue.filter(([, o]) => !o.array);
    const switches = Object.entries(options).filter(([, o]) => o.type === 'boolean');
    const withChoices = takingValue.filter(([, o]) => o.choices);
    const mistakes: Array<fc.Arbitrary<string[]>> = [
      fc.constantFrom(...Object.keys(options)).map((n) => [`--${n}x-typo`]),
      fc.constantFrom(...takingValue.map(([n]) => n)).map((n) => [`--${n}`]),
      fc.constantFrom(...takingValue.map(([n]) => n)).map((n) => [`--no-${n}`]),
      fc.constantFrom(...switches.map(([n]) => n)).chain((n) => plainWord.map((w) => [`--${n}=${w}`])),
      fc.array(plainWord, { minLength: (definition.positionals?.length ?? 0) + 1, maxLength: 4 }),
    ];
    if (single.length > 0) mistakes.push(fc.constantFrom(...single).chain(([n, o]) => fc.tuple(valueOf(o), valueOf(o)).map(([a, b]) => [`--${n}`, a, `--${n}`, b])));
    if (withChoices.length > 0) mistakes.push(fc.constantFrom(...withChoices).map(([n]) => [`--${n}`, 'not-a-choice']));
    fc.assert(fc.property(fc.oneof(...mistakes), (mistake) => {
      // Required positionals are given, so the mistake is the only thing wrong.
      const required = (definition.positionals ?? []).filter((p) => p.required).map(() => 'alias');
      const argv = [...entry.path, ...(mistake[0]?.startsWith('-') ? required : []), ...mistake];
      assert.throws(() => parseCommandLine(argv, entry, definition), (error) => error instanceof UsageError && error.exitCode === 2, argv.join(' '));
    }), { numRuns: 40 });
  });
}
