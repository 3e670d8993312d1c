// `ollm setup`: a first run on a terminal. It asks, then runs the same commands a script would
// (`key create`, then `doctor`) and prints them, so the next machine needs no questions.
import { UsageError, UserError, ExitCode } from '../errors.ts';
import type { Ctx } from '../context.ts';
import { KEY_SERVICE, MASTER_SERVICE, keyAccount } from '../secrets/store.ts';
import { DEFAULT_ALIAS } from '../keys/alias.ts';
import { DEFAULT_STYLE, DEFAULT_TARGETS } from '../targets/write-flags.ts';
import { doctorArgv, existingKeyArgv, keyCreateArgv, rememberArgv, shellLine, type ForwardedFlags, type SetupAnswers } from '../setup/plan.ts';
import { defineCommand } from './command.ts';
import { terminalText } from '../output/terminal-text.ts';

const LOGIN_ATTEMPTS = 3;

export default defineCommand({
  command: 'setup',
  examples: [
    ['ollm setup', 'asks for the proxy, master key, budget and where OpenClaw should find the key'],
    ['LITELLM_MASTER_KEY=sk-master ollm setup --proxy-url https://litellm.example.com', 'skips the master key question'],
  ],
  args: {},
  async handler(args, ctx) {
    const flags: ForwardedFlags = { timeout: args.timeout, allowInsecureHttp: args.allowInsecureHttp, debug: args.debug };
    const proxy = await ctx.proxy();
    const config = await ctx.config();
    const defaults = { proxyUrl: proxy.base, alias: config.alias, style: config.style, targets: config.targets };
    if (args.json || !ctx.isInteractive) {
      const example: SetupAnswers = {
        proxyUrl: proxy.base, alias: config.alias ?? DEFAULT_ALIAS, budget: '50', period: 'monthly',
        style: config.style ?? DEFAULT_STYLE, targets: [...(config.targets ?? DEFAULT_TARGETS)],
      };
      throw new UsageError(
        args.json ? 'ollm setup asks questions, so it has no --json form.' : 'ollm setup asks questions and needs a terminal (stdin and stderr are not both one).',
        `Do the same without questions:\n  LITELLM_MASTER_KEY=… ${shellLine(keyCreateArgv(example, flags))}\n  ${shellLine(doctorArgv(example, flags))}`,
      );
    }

    const { interview } = await import('../setup/interview.ts');
    const { runCli } = await import('../cli.ts');
    ctx.io.stderr.write(`${ctx.stderrColor.bold('Set up a LiteLLM key for OpenClaw.')} Enter keeps the value shown; Ctrl-C stops without changing anything.\n\n`);
    const vault = await ctx.vault();
    const answers = await interview(ctx, defaults, async (proxyUrl, alias) => (await vault.find(KEY_SERVICE, keyAccount(alias, proxyUrl)).catch(() => null)) !== null);
    if (answers.existing === 'keep') {
      return { human: `Nothing changed: "${answers.alias}" stays as it is. \`${shellLine(doctorArgv(answers, flags))}\` checks it.`, json: null };
    }

    // A rerun for a key held here writes it again or rotates it: no new key, no budget question.
    if (answers.existing === 'rewrite') ctx.io.stderr.write('\n');
    else await ensureMasterKey(ctx, answers.proxyUrl, flags, runCli);
    const createArgv = answers.existing ? existingKeyArgv(answers.existing, answers, flags) : keyCreateArgv(answers, flags);
    ctx.io.stderr.write(`\n${ctx.stderrColor.dim(`$ ${terminalText(shellLine(createArgv))}`)}\n`);
    const created = await runCli(createArgv, ctx.io, ctx.env);
    if (created !== ExitCode.ok) {
      return { human: '', json: null, exitCode: created, silent: true };
    }
    // Later commands should find this proxy and key without flags: keep them as ollm's defaults.
    const remember = rememberArgv(answers, { proxyUrl: proxy.base, proxyKind: proxy.kind ?? 'default', alias: defaults.alias ?? DEFAULT_ALIAS });
    for (const argv of remember) {
      ctx.io.stderr.write(`${ctx.stderrColor.dim(`$ ${terminalText(shellLine(argv))}`)}\n`);
      await runCli([...argv, '--quiet'], ctx.io, ctx.env);
    }
    if (proxy.kind === 'env' && proxy.base !== answers.proxyUrl) {
      ctx.warn(`! LITELLM_PROXY_URL (${proxy.base}) still wins over the saved proxy URL; change or unset it.`);
    }
    const checkArgv = doctorArgv(answers, flags);
    ctx.io.stderr.write(`\n${ctx.stderrColor.dim(`$ ${terminalText(shellLine(checkArgv))}`)}\n`);
    const checked = await runCli(checkArgv, ctx.io, ctx.env);

    const human = [
      '',
      'Next time (or on another machine), the same without questions:',
      `  ${shellLine(createArgv)}`,
      ...remember.map((argv) => `  ${shellLine(argv)}`),
      `  ${shellLine(checkArgv)}`,
      ctx.color.dim('  (with LITELLM_MASTER_KEY set, or after `ollm login`)'),
    ].join('\n');
    return { human, json: null, exitCode: checked };
  },
});

type RunCli = (argv: string[], io: Ctx['io'], env: NodeJS.ProcessEnv) => Promise<number>;

/** LITELLM_MASTER_KEY, or the key `ollm login` saved, or `ollm login` now (hidden input, verified). */
async function ensureMasterKey(ctx: Ctx, proxyUrl: string, flags: ForwardedFlags, runCli: RunCli): Promise<void> {
  if (ctx.env.LITELLM_MASTER_KEY?.trim()) {
    ctx.io.stderr.write(`${ctx.stderrColor.green('✓')} Using the master key from LITELLM_MASTER_KEY.\n`);
    return;
  }
  const saved = await (await ctx.vault()).find(MASTER_SERVICE, proxyUrl);
  if (saved) {
    ctx.io.stderr.write(`${ctx.stderrColor.green('✓')} Using the master key saved by \`ollm login\` (${saved.store.description}).\n`);
    return;
  }
  ctx.io.stderr.write('The master key creates the key; it is checked, then kept in the keychain (`ollm logout` forgets it).\n');
  const loginArgv = ['login', '--proxy-url', proxyUrl, ...(flags.timeout !== undefined && flags.timeout !== 30 ? ['--timeout', String(flags.timeout)] : []), ...(flags.allowInsecureHttp ? ['--allow-insecure-http'] : [])];
  for (let attempt = 1; attempt <= LOGIN_ATTEMPTS; attempt++) {
    const code = await runCli(loginArgv, ctx.io, ctx.env);
    if (code === ExitCode.ok) return;
    if (code === ExitCode.interrupted) throw new UserError('Cancelled.', { code: 'cancelled', exitCode: ExitCode.interrupted });
  }
  throw new UserError(`No valid master key for ${proxyUrl} after ${LOGIN_ATTEMPTS} tries.`, {
    code: 'master_key_invalid', hint: 'Find the master_key in the proxy\'s config (or LITELLM_MASTER_KEY on its host), then run `ollm setup` again.',
  });
}
