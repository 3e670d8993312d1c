// The help of one command (`ollm key create --help`, `ollm help key create`) and of a group
// (`ollm key --help`), laid out as gh does: what it does, usage, the command's own flags with
// value placeholders (and its positional arguments), then the global flags, then examples one per line.
import { positionalUsage, type Options } from '../parse/options.ts';
import { COMMANDS, GROUPS, type CommandEntry } from '../commands/registry.ts';
import type { CommandDefinition } from '../commands/command.ts';
import { globalOptions } from './global-options.ts';
import { GROUP_EXAMPLES } from './group-examples.ts';
import { examples, flagRows, helpWidth, table, wrap } from './layout.ts';

const HELP_FLAG: Record<string, Options> = { help: { type: 'boolean', alias: 'h', describe: 'Show help for this command' } };

function globalFlagLines(width: number): string[] {
  return ['', 'Global flags:', ...table(flagRows({ ...globalOptions, ...HELP_FLAG }), width)];
}

export function renderCommandHelp(entry: CommandEntry, definition: CommandDefinition<any>, columns: number | undefined): string {
  const width = helpWidth(columns);
  const name = `ollm ${entry.path.join(' ')}`;
  const positionals = positionalUsage(definition.positionals ?? []);
  const out = [...wrap(entry.describe, width), '', 'Usage:', `  ${[name, positionals, '[flags]'].filter(Boolean).join(' ')}`];
  if (definition.passThrough) out[out.length - 1] += ' -- <command> [args…]';
  const words = (definition.positionals ?? []).map((p): [string, string] => [positionalUsage([p]), p.describe]);
  if (words.length > 0) out.push('', 'Arguments:', ...table(words, width));
  const own = flagRows(definition.args);
  if (own.length > 0) out.push('', 'Flags:', ...table(own, width));
  out.push(...globalFlagLines(width));
  if (definition.examples.length > 0) out.push('', 'Examples:', ...examples(definition.examples, width));
  return `${out.join('\n')}\n`;
}

export function renderGroupHelp(group: string, columns: number | undefined): string {
  const width = helpWidth(columns);
  const entries = COMMANDS.filter((entry) => entry.path.length === 2 && entry.path[0] === group);
  const out = [...wrap(GROUPS[group]!, width), '', 'Usage:', `  ollm ${group} <command> [flags]`, '', 'Commands:'];
  out.push(...table(entries.map((entry) => [entry.path[1]!, entry.describe]), width));
  out.push(...globalFlagLines(width));
  const list = GROUP_EXAMPLES[group] ?? [];
  if (list.length > 0) out.push('', 'Examples:', ...examples(list, width));
  out.push('', ...wrap(`Run \`ollm ${group} <command> --help\` or \`ollm help ${group} <command>\` for the flags of one command.`, width));
  return `${out.join('\n')}\n`;
}
