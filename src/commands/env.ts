// `ollm env`: the export lines for `eval`, so a shell session gets the key without a file.
import { basename } from 'node:path';
import { printableSecret } from '../keys/held-key.ts';
import { requireHeldKey } from '../keys/require-held-key.ts';
import { resolveAlias } from '../keys/alias.ts';
import { assistantFor, HAND_OVER_FLAGS } from '../composition/assistants.ts';
import { exportLine } from '../output/shell-quote.ts';
import { aliasOption } from './shared-options.ts';
import { forOption } from './for-option.ts';
import { defineCommand } from './command.ts';

type Shell = 'bash' | 'zsh' | 'fish' | 'powershell';

export default defineCommand({
  command: 'env',
  examples: [
    ['eval "$(ollm env)"', 'bash or zsh'],
    ['ollm env --shell fish | source', 'fish'],
    ['ollm env --shell powershell | Invoke-Expression', 'PowerShell'],
  ],
  args: {
    alias: aliasOption,
    for: forOption,
    shell: { type: 'string', choices: ['bash', 'zsh', 'fish', 'powershell'], describe: 'Syntax to print (default: from $SHELL)' },
    ...HAND_OVER_FLAGS,
  },
  async handler(args, ctx) {
    const alias = await resolveAlias(args, ctx);
    const held = await requireHeldKey(ctx, alias);
    const shell = (args.shell as Shell | undefined) ?? shellFromEnv(ctx.env.SHELL);
    const { names, values = {} } = await assistantFor(args.for).handOver.variables(ctx, held.account, args);
    const secret = printableSecret(held);
    const lines = [...names.map((name) => shellLine(shell, name, secret)), ...Object.entries(values).map(([name, value]) => shellLine(shell, name, value))];
    return { human: lines.join('\n'), essential: true, exact: true, json: { key_alias: alias, shell, variables: [...names, ...Object.keys(values)] } };
  },
});

function shellFromEnv(shell: string | undefined): Shell {
  const name = basename(shell ?? '');
  return name === 'zsh' || name === 'fish' ? name : name === 'pwsh' || name === 'powershell' ? 'powershell' : 'bash';
}

// fish's `eval (ollm env --shell fish)` joins the lines with spaces: each must end its statement.
function shellLine(shell: Shell, name: string, value: string): string {
  if (shell === 'fish') return `${exportLine('fish', name, value)};`;
  return exportLine(shell === 'powershell' ? 'powershell' : 'posix', name, value);
}
