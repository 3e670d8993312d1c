// `ollm exec -- <command>`: run a program with the key in its environment, written nowhere.
import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants, statSync } from 'node:fs';
import { constants } from 'node:os';
import { delimiter, join } from 'node:path';
import { UserError, UsageError } from '../errors.ts';
import { childEnv } from '../io/child-env.ts';
import { requireHeldKey } from '../keys/require-held-key.ts';
import { resolveAlias } from '../keys/alias.ts';
import { aliasOption } from './shared-options.ts';
import { forOption } from './for-option.ts';
import { assistantFor, HAND_OVER_FLAGS } from '../composition/assistants.ts';
import { defineCommand } from './command.ts';

export default defineCommand({
  command: 'exec',
  passThrough: true,
  examples: [
    ['ollm exec -- openclaw agent exec "summarise my inbox"', 'OpenClaw with the key, nothing written to disk'],
    ['ollm exec --style anthropic -- openclaw', 'also sets ANTHROPIC_API_KEY'],
    ['ollm exec --pass-keychain -- openclaw', 'the keychain style: OpenClaw\'s resolver needs the keychain'],
  ],
  args: {
    alias: aliasOption, for: forOption, ...HAND_OVER_FLAGS,
    'pass-keychain': { type: 'boolean', default: false, describe: 'Let the command reach the keychain (the keychain style needs it; so could anything reading the saved master key)' },
  },
  async handler(args, ctx) {
    const alias = await resolveAlias(args, ctx);
    const argv = args['--'] ?? [];
    if (argv.length === 0) throw new UsageError('Name the command to run after --.', 'For example: ollm exec -- openclaw');
    const held = await requireHeldKey(ctx, alias);
    const handOver = await assistantFor(args.for).handOver.variables(ctx, held.account, args);
    const passKeychain = Boolean(args.passKeychain);
    const env = childEnv(ctx.env);
    // The Secret Service lets any program on the session bus read every item, the master key
    // saved by `ollm login` included: the child gets the bus only when asked. An address that
    // cannot work (rather than none) also stops libdbus falling back to $XDG_RUNTIME_DIR/bus.
    if (!passKeychain) env.DBUS_SESSION_BUS_ADDRESS = NO_KEYCHAIN_BUS;
    if (!passKeychain && handOver.needsKeychain) ctx.warn(handOver.needsKeychain);
    for (const name of handOver.names) env[name] = held.secret;
    Object.assign(env, handOver.values);
    // In place where Node can (execve): no ollm process stays behind whose environment (a saved
    // master key in LITELLM_MASTER_KEY, the bus address) the program could read in /proc.
    const file = ctx.services.replaceProcess ? findProgram(argv[0]!, env) : undefined;
    if (file) ctx.services.replaceProcess!(file, argv, env);
    const exitCode = await run(argv, env);
    return { human: '', json: null, exitCode, silent: true };
  },
});

/** What the child sees instead of the session bus: an address no D-Bus client can connect to. */
export const NO_KEYCHAIN_BUS = 'disabled:';

/**
 * The file execve would run for `name`, looked up on the child's PATH as a shell would; undefined
 * when there is none, so the spawn path reports it (command not found, 127) as before.
 */
function findProgram(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const candidates = name.includes('/') ? [name] : (env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, name));
  return candidates.find((file) => {
    try {
      accessSync(file, fsConstants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

/** Run the child with our stdio; its exit status (or 128 + signal) becomes ours. */
function run(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { env, stdio: 'inherit' });
    // Ctrl-C and Ctrl-\ reach the child from the terminal already (same process group): ollm only
    // must not die of them. SIGTERM and SIGHUP sent to ollm alone are passed on.
    const forward = (signal: NodeJS.Signals) => {
      if (signal === 'SIGTERM' || signal === 'SIGHUP') child.kill(signal);
    };
    const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT', 'SIGQUIT'];
    for (const s of signals) process.on(s, forward);
    child.on('error', (error) => {
      for (const s of signals) process.off(s, forward);
      const code = (error as NodeJS.ErrnoException).code;
      reject(new UserError(`Cannot run ${argv[0]}: ${code === 'ENOENT' ? 'command not found' : error.message}.`, {
        code: 'exec_failed', exitCode: code === 'ENOENT' ? 127 : 126,
      }));
    });
    child.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? 128 + (signal ? signalNumber(signal) : 0));
    });
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  return constants.signals[signal] ?? 0;
}
