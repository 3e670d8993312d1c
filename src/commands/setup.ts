// `ollm setup`: a first run on a terminal. It asks, then does what a script would do (`key create`,
// `config set`, `doctor`) by calling those commands' services in this one Ctx, and prints each as
// the command line it stands for, so the next machine needs no questions.
import { UsageError, UserError, ExitCode } from '../errors.ts';
import type { Ctx } from '../context.ts';
import { KEY_SERVICE, keyAccount } from '../secrets/store.ts';
import { defaultAlias } from '../keys/alias.ts';
import { credentialName, masterKeyOrigin } from '../keys/master-key.ts';
import { parseProxyUrl } from '../config/proxy-url.ts';
import { ASSISTANTS, ASSISTANT_NAMES } from '../composition/assistants.ts';
import { assistantAlias } from '../keys/assistant-alias.ts';
import { DEFAULT_BUDGET, doctorStep, existingKeyStep, keyCreateStep, rememberSteps, shellLine, type ForwardedFlags, type SetupAnswers, type SetupStep } from '../setup/plan.ts';
import { parseAssistantList, setupChoice } from '../setup/chosen-assistants.ts';
import { askOwnQuestion, defaultTargets, interview, type InterviewDefaults } from '../setup/interview.ts';
import { defineCommand, flagValues, type CommandResult } from './command.ts';
import { terminalText } from '../output/terminal-text.ts';
import { readRememberedBudget, saveRememberedBudget } from '../setup/remembered.ts';
import { reportError, writeResult } from '../command-output.ts';

const LOGIN_ATTEMPTS = 3;

export default defineCommand({
  command: 'setup',
  examples: [
    ['ollm setup', 'asks for the proxy, master key, budget and where each assistant found here should find its key'],
    ['LITELLM_MASTER_KEY=sk-master ollm setup --proxy-url https://litellm.example.com', 'skips the master key question'],
    [`ollm setup --for ${ASSISTANT_NAMES.slice(0, 2).join(',')}`, 'a key for each of these assistants, found here or not (no question which)'],
  ],
  args: {
    for: { type: 'string', array: true, describe: `The assistants to give a key, one each: ${ASSISTANT_NAMES.join(', ')}; repeat or comma-separate (default: the ones found here, else ${ASSISTANT_NAMES[0]})` },
  },
  validate(args) {
    if (args.for) parseAssistantList(args.for, ASSISTANTS);
  },
  async handler(args, ctx) {
    const flags: ForwardedFlags = { timeout: args.timeout, allowInsecureHttp: args.allowInsecureHttp, debug: args.debug };
    const proxy = await ctx.proxy();
    const config = await ctx.config();
    const alias = await defaultAlias(ctx);
    const remembered = await readRememberedBudget(ctx.paths.stateDir);
    const found = await Promise.all(ASSISTANTS.map(async (assistant) => (await assistant.detect(ctx.env)) !== null));
    const choice = setupChoice(ASSISTANTS, found, args.for);
    const defaults: InterviewDefaults = { proxyUrl: proxy.base, targets: config.targets, ...remembered };
    if (args.json || !ctx.isInteractive) {
      // What the questions would have offered, for each assistant setup would give a key.
      const examples = await Promise.all(choice.preselected.map(async (assistant): Promise<SetupAnswers> => {
        const isDefault = assistant === ASSISTANTS[0];
        const targets = defaultTargets({ assistant, isDefault, defaults });
        return {
          proxyUrl: proxy.base, ...(isDefault ? {} : { for: assistant.name }), alias: await assistantAlias(ctx, assistant),
          budget: remembered ? remembered.budget : DEFAULT_BUDGET, period: remembered?.period ?? 'monthly',
          targets, assistantFlags: await askOwnQuestion(ctx, null, assistant, targets),
        };
      }));
      const lines = [
        ...examples.map((example) => `LITELLM_MASTER_KEY=… ${shellLine(keyCreateStep(example, flags).argv)}`),
        ...examples.map((example) => shellLine(doctorStep(example, flags).argv)),
      ];
      throw new UsageError(
        args.json ? 'ollm setup asks questions, so it has no --json form.' : 'ollm setup asks questions and needs a terminal (stdin and stderr are not both one).',
        `Do the same without questions:\n${lines.map((line) => `  ${line}`).join('\n')}`,
      );
    }

    const forWhom = choice.ask ? 'each assistant found here' : choice.preselected.map((a) => a.displayName).join(', ');
    ctx.io.stderr.write(`${ctx.stderrColor.bold(`Set up a LiteLLM key for ${forWhom}.`)} Enter keeps the value shown; Ctrl-C stops without changing anything.\n\n`);
    const vault = await ctx.vault();
    const answers = await interview(ctx, defaults, { all: ASSISTANTS, ...choice }, async (proxyUrl, heldAlias) => (await vault.find(KEY_SERVICE, keyAccount(heldAlias, proxyUrl)).catch(() => null)) !== null);
    const kept = answers.filter((a) => a.existing === 'keep');
    const keptLines = kept.map((a) => `Nothing changed: "${a.alias}" stays as it is. \`${shellLine(doctorStep(a, flags).argv)}\` checks it.`);
    const todo = answers.filter((a) => a.existing !== 'keep');
    if (todo.length === 0) return { human: keptLines.join('\n'), json: null };
    const proxyUrl = todo[0]!.proxyUrl;
    // Everything from here talks to the proxy just asked for, as `--proxy-url` would make it.
    ctx.useProxy(parseProxyUrl(proxyUrl, 'setup'));

    // A rerun for a key held here writes it again or rotates it: no new key, no budget question.
    if (todo.every((a) => a.existing === 'rewrite')) ctx.io.stderr.write('\n');
    else await ensureMasterKey(ctx);
    const keySteps: SetupStep[] = [];
    for (const answer of todo) {
      const keyStep = answer.existing && answer.existing !== 'keep' ? existingKeyStep(answer.existing, answer, flags) : keyCreateStep(answer, flags);
      keySteps.push(keyStep);
      ctx.io.stderr.write('\n');
      const made = await runStep(ctx, keyStep);
      if ((made.exitCode ?? ExitCode.ok) !== ExitCode.ok) return { human: '', json: null, exitCode: made.exitCode, silent: true };
      // The budget typed becomes the next setup's default, as the alias and proxy URL do below.
      if (!answer.existing) await saveRememberedBudget(ctx.paths.stateDir, { budget: answer.budget, period: answer.period });
    }
    // Later commands should find this proxy and key without flags: keep them as ollm's defaults
    // (the alias setting is the default assistant's).
    const defaultAnswer = answers.find((a) => a.for === undefined);
    const remember = rememberSteps({ proxyUrl, alias: defaultAnswer?.alias ?? alias }, { proxyUrl: proxy.base, proxyKind: proxy.kind ?? 'default', alias });
    for (const step of remember) await runStep(ctx, step, { quiet: true });
    if (proxy.kind === 'env' && proxy.base !== proxyUrl) {
      ctx.warn(`! LITELLM_PROXY_URL (${proxy.base}) still wins over the saved proxy URL; change or unset it.`);
    }
    const checks = todo.map((answer) => doctorStep(answer, flags));
    let exitCode: number = ExitCode.ok;
    for (const check of checks) {
      ctx.io.stderr.write('\n');
      const checked = await runStep(ctx, check);
      // setup's exit status is the doctors': the first that failed.
      if (exitCode === ExitCode.ok) exitCode = checked.exitCode ?? ExitCode.ok;
    }

    const human = [
      ...(keptLines.length ? ['', ...keptLines] : []),
      '',
      'Next time (or on another machine), the same without questions:',
      ...keySteps.map((step) => `  ${shellLine(step.argv)}`),
      ...remember.map((step) => `  ${shellLine(step.argv)}`),
      ...checks.map((step) => `  ${shellLine(step.argv)}`),
      ctx.color.dim('  (with LITELLM_MASTER_KEY set, or after `ollm login`)'),
    ].join('\n');
    return { human, json: null, exitCode };
  },
});

/** Show the step as its command line, call its service, print its result as that command would (unless `quiet`). */
async function runStep(ctx: Ctx, step: SetupStep, options: { quiet?: boolean } = {}): Promise<CommandResult> {
  ctx.io.stderr.write(`${ctx.stderrColor.dim(`$ ${terminalText(shellLine(step.argv))}`)}\n`);
  const result = await callService(ctx, step);
  if (!options.quiet) writeResult(ctx.io, ctx.args, result);
  return result;
}

// Loaded when used, like the commands themselves.
async function callService(ctx: Ctx, step: SetupStep): Promise<CommandResult> {
  switch (step.command) {
    case 'key create': {
      const { createKey, keyCreateArgs } = await import('./key-create.ts');
      return createKey(ctx, flagValues(keyCreateArgs, step.flags));
    }
    case 'key write': {
      const { writeKey, keyWriteArgs } = await import('./key-write.ts');
      return writeKey(ctx, flagValues(keyWriteArgs, step.flags));
    }
    case 'key rotate': {
      const { rotateKeys, keyRotateArgs } = await import('./key-rotate.ts');
      return rotateKeys(ctx, flagValues(keyRotateArgs, step.flags));
    }
    case 'config set': {
      const { setConfig, configSetArgs } = await import('./config-set.ts');
      return setConfig(ctx, { ...flagValues(configSetArgs, {}), ...step.flags });
    }
    case 'doctor': {
      const { checkKey } = await import('./doctor.ts');
      return checkKey(ctx, step.flags);
    }
  }
}

/** The master key by the one rule (LITELLM_MASTER_KEY, --master-key-stdin, `ollm login`'s), else `ollm login` now (hidden input, verified). */
async function ensureMasterKey(ctx: Ctx): Promise<void> {
  const found = await ctx.findMasterKey();
  if (found) {
    ctx.io.stderr.write(`${ctx.stderrColor.green('✓')} Using ${credentialName(found.kind)} ${masterKeyOrigin(found)}.\n`);
    return;
  }
  const proxyUrl = (await ctx.proxy()).base;
  ctx.io.stderr.write('The master key creates the key; it is checked, then kept in the keychain (`ollm logout` forgets it).\n');
  const { logIn, loginArgs } = await import('./login.ts');
  for (let attempt = 1; attempt <= LOGIN_ATTEMPTS; attempt++) {
    try {
      writeResult(ctx.io, ctx.args, await logIn(ctx, flagValues(loginArgs, {})));
      return;
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      if (error.exitCode === ExitCode.interrupted) throw new UserError('Cancelled.', { code: 'cancelled', exitCode: ExitCode.interrupted });
      // Shown as `ollm login` would show it; then the question again.
      reportError(ctx.io, false, error, ctx.args.debug, ctx.stderrColor.level > 0);
    }
  }
  throw new UserError(`No valid master key for ${proxyUrl} after ${LOGIN_ATTEMPTS} tries.`, {
    code: 'master_key_invalid', hint: 'Find the master_key in the proxy\'s config (or LITELLM_MASTER_KEY on its host), then run `ollm setup` again.',
  });
}
