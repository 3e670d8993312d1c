// `ollm exec -- <command>`: run a program with the key in its environment, written nowhere.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { UserError, UsageError } from '../errors.ts';
import { childEnv } from '../io/child-env.ts';
import { requireHeldKey } from '../keys/held-key.ts';
import { resolveAlias } from '../keys/alias.ts';
import { aliasOption, styleOption } from './shared-options.ts';
import { keyVariables, resolveStyle } from '../openclaw/styles.ts';
import { defineCommand } from './command.ts';

export default defineCommand({
  command: 'exec',
  examples: [
    ['ollm exec -- openclaw agent exec "summarise my inbox"', 'OpenClaw with the key, nothing written to disk'],
    ['ollm exec --style anthropic -- openclaw', 'also sets ANTHROPIC_API_KEY'],
  ],
  args: { alias: aliasOption, style: styleOption },
  async handler(args, ctx) {
    const alias = await resolveAlias(args, ctx);
    const argv = ((args as { '--'?: unknown[] })['--'] ?? []).map(String);
    if (argv.length === 0) throw new UsageError('Name the command to run after --.', 'For example: ollm exec -- openclaw');
    const held = await requireHeldKey(ctx, alias);
    const env = childEnv(ctx.env);
    for (const name of keyVariables(await resolveStyle(ctx, held.account, args.style))) env[name] = held.secret;
    const exitCode = await run(argv, env);
    return { human: '', json: null, exitCode, silent: true };
  },
});

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
