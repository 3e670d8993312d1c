// Builds the yargs command tree from the command definitions, runs the chosen one, and turns
// its result or error into output and an exit code. Nothing else happens here.
import yargs, { type Argv, type Options } from 'yargs';
import { Ctx, type GlobalArgs, type Io } from './context.ts';
import { ExitCode, UsageError, UserError } from './errors.ts';
import type { CommandDefinition, CommandResult } from './commands/command.ts';
import keyCreate from './commands/key-create.ts';
import keyInfo from './commands/key-info.ts';
import keyGet from './commands/key-get.ts';
import keyList from './commands/key-list.ts';
import keyRevoke from './commands/key-revoke.ts';
import keyWrite from './commands/key-write.ts';
import keyRotate from './commands/key-rotate.ts';
import { login, logout } from './commands/login.ts';
import execCommand from './commands/exec.ts';
import envCommand from './commands/env.ts';
import openclawResolve from './commands/openclaw-resolve.ts';

import { VERSION } from './version.ts';

const globalOptions = {
  json: { type: 'boolean', default: false, describe: 'Print one JSON document on stdout (errors too)', global: true },
  'proxy-url': { type: 'string', describe: 'LiteLLM proxy URL [env LITELLM_PROXY_URL, default http://localhost:4000]', global: true },
  'master-key-stdin': { type: 'boolean', default: false, describe: 'Read the master key from the first line of stdin', global: true },
  timeout: { type: 'number', default: 30, describe: 'Seconds to wait for the proxy', global: true },
  'allow-insecure-http': { type: 'boolean', default: false, describe: 'Allow sending the master key over plain http to a non-local host', global: true },
  color: { type: 'boolean', describe: 'Colour output (--no-color to disable; NO_COLOR is honoured)', global: true },
  debug: { type: 'boolean', default: false, describe: 'Log requests (never secrets) and show stacks of unexpected errors', global: true },
} as const satisfies Record<string, Options>;

interface Outcome {
  exitCode: number;
}

/** Run ollm with these arguments; resolves to the exit code. */
export async function runCli(argv: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const outcome: Outcome = { exitCode: ExitCode.ok };
  // Flags after `--` belong to the program `ollm exec` runs, not to ollm.
  const ownArgv = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  const wantsJson = ownArgv.includes('--json');
  const parser = yargs(argv)
    .scriptName('ollm')
    .usage('$0 <command>\n\nGive OpenClaw its own LiteLLM virtual key, kept in the OS keychain.')
    .options(globalOptions)
    .command('key', 'Create, inspect and revoke virtual keys', (key: Argv) => {
      for (const definition of [keyCreate, keyInfo, keyGet, keyList, keyWrite, keyRotate, keyRevoke]) register(key, definition, io, env, outcome);
      return key.demandCommand(1, 'Name a key command: create, info, get, list, write, rotate or revoke.');
    })
    .command('openclaw', 'Commands OpenClaw runs (its exec secret provider)', (openclaw: Argv) => {
      register(openclaw, openclawResolve, io, env, outcome);
      return openclaw.demandCommand(1, 'Name an openclaw command: resolve.');
    })
    .command(...commandArgs(login, io, env, outcome))
    .command(...commandArgs(logout, io, env, outcome))
    .command(...commandArgs(execCommand, io, env, outcome))
    .command(...commandArgs(envCommand, io, env, outcome))
    .example('LITELLM_MASTER_KEY=sk-master ollm key create --budget 50 --monthly', 'a $50/month key for OpenClaw, kept in the keychain')
    .example('ollm key info', 'spend, budget and next reset of that key')
    .demandCommand(1, 'Name a command, e.g. `ollm key create`.')
    .parserConfiguration({ 'populate--': true })
    .strict()
    .recommendCommands()
    .help()
    .alias('help', 'h')
    .version(VERSION)
    .wrap(Math.min(110, (io.stdout as { columns?: number }).columns ?? 100))
    .exitProcess(false)
    // Throwing is what stops yargs: with exitProcess(false) it would otherwise run the handler anyway.
    .fail((message, error) => {
      throw error ?? new UsageError(message ?? 'Invalid command line.', 'Run `ollm --help` (or `ollm <command> --help`) for usage.');
    });

  try {
    await parser.parseAsync();
  } catch (error) {
    outcome.exitCode = reportError(io, wantsJson, error, ownArgv.includes('--debug'));
  }
  return outcome.exitCode;
}

function register(parent: Argv, definition: CommandDefinition<any>, io: Io, env: NodeJS.ProcessEnv, outcome: Outcome): void {
  parent.command(...commandArgs(definition, io, env, outcome));
}

function commandArgs(definition: CommandDefinition<any>, io: Io, env: NodeJS.ProcessEnv, outcome: Outcome) {
  return [
    definition.command,
    definition.describe,
    (y: Argv) => {
      y.options(definition.args);
      for (const [example, meaning] of definition.examples) y.example(example, meaning);
      return y;
    },
    async (args: Record<string, unknown>) => {
      const globals = args as unknown as GlobalArgs;
      if (!(Number.isFinite(globals.timeout) && globals.timeout > 0 && globals.timeout <= 86_400)) {
        throw new UsageError(`--timeout ${String(args.timeout)} is not a number of seconds.`, 'Give a number from 0.1 to 86400, e.g. --timeout 60.');
      }
      const ctx = new Ctx(globals, io, env);
      definition.validate?.(args as never);
      const result: CommandResult = await definition.handler(args as never, ctx);
      writeResult(io, globals.json, result);
      outcome.exitCode = result.exitCode ?? ExitCode.ok;
    },
  ] as const;
}

function writeResult(io: Io, json: boolean, result: CommandResult): void {
  if (result.silent) return;
  if (json) io.stdout.write(`${JSON.stringify(result.json, null, 2)}\n`);
  else if (result.human) io.stdout.write(`${result.human}\n`);
}

function reportError(io: Io, json: boolean, error: unknown, debug: boolean): number {
  if (error instanceof UserError) {
    writeError(io, json, error, debug);
    return error.exitCode;
  }
  const unexpected = new UserError(`ollm failed unexpectedly: ${(error as Error)?.message ?? String(error)}`, {
    code: 'internal', hint: debug ? undefined : 'Run again with --debug to see where; please report it.',
  });
  writeError(io, json, unexpected, false);
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return ExitCode.failure;
}

function writeError(io: Io, json: boolean, error: UserError, debug: boolean): void {
  if (json) {
    io.stdout.write(`${JSON.stringify({ error: { message: error.message, hint: error.hint ?? null, code: error.code } }, null, 2)}\n`);
    return;
  }
  const colored = Boolean(io.stderr.isTTY) && !process.env.NO_COLOR;
  const mark = colored ? '\u001b[31m✗\u001b[39m' : '✗';
  io.stderr.write(`${mark} ${error.message}\n`);
  if (error.hint) io.stderr.write(`  ${error.hint}\n`);
  if (debug && error.cause instanceof Error && error.cause.stack) io.stderr.write(`${error.cause.stack}\n`);
}
