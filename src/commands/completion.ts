// `ollm completion [bash|zsh|fish]`: print a static completion script. Static on purpose: a TAB
// then costs the shell a table lookup, not a node start-up, and the script only changes with ollm.
import { basename } from 'node:path';
import { UsageError } from '../errors.ts';
import { SHELLS, type Shell } from '../completion/shells.ts';
import { COMMAND_LIST, defineCommand } from './command.ts';

export default defineCommand({
  command: 'completion',
  examples: [
    ['ollm completion bash > ~/.local/share/bash-completion/completions/ollm', 'bash (with the bash-completion package; new shells pick it up)'],
    ['mkdir -p ~/.zfunc && ollm completion zsh > ~/.zfunc/_ollm', 'zsh: any directory in $fpath, file named _ollm; add fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc'],
    ['ollm completion fish > ~/.config/fish/completions/ollm.fish', 'fish'],
    ['source <(ollm completion)', 'this shell only, detected from $SHELL (bash or zsh)'],
  ],
  positionals: [{ name: 'shell', required: false, describe: `One of ${SHELLS.join(', ')} (default: from $SHELL)` }],
  args: {},
  async handler(args, ctx) {
    const shell = chooseShell(args.shell, ctx.env.SHELL);
    // Completion is the one command that needs every command's flags, so it loads them all.
    const [{ globalOptions }, { completionModelOf }, commands] = await Promise.all([import('../help/global-options.ts'), import('../completion/model.ts'), ctx.wired(COMMAND_LIST)]);
    const model = await completionModelOf(commands, globalOptions);
    const script = shell === 'bash' ? (await import('../completion/bash.ts')).bashScript(model)
      : shell === 'zsh' ? (await import('../completion/zsh.ts')).zshScript(model)
        : (await import('../completion/fish.ts')).fishScript(model);
    // The script is what this command exists to print: --quiet keeps it.
    return { human: script.trimEnd(), essential: true, json: { shell, script } };
  },
});

function chooseShell(given: string | undefined, shellVariable: string | undefined): Shell {
  if (given !== undefined) {
    if ((SHELLS as readonly string[]).includes(given)) return given as Shell;
    throw new UsageError(`ollm has no completion script for ${JSON.stringify(given)}.`, `Choose one of ${SHELLS.join(', ')}, e.g. \`ollm completion bash\`.`);
  }
  const fromEnv = basename(shellVariable ?? '');
  if ((SHELLS as readonly string[]).includes(fromEnv)) return fromEnv as Shell;
  throw new UsageError(`Cannot tell which shell to write completions for: $SHELL is ${shellVariable ? JSON.stringify(shellVariable) : 'not set'}.`,
    `Name it: \`ollm completion ${SHELLS.join('|')}\`.`);
}
