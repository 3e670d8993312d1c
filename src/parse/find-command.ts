// Which command a line names. Flags may come before the command's words, and the value of such a
// flag may be a command's word (`ollm --alias env spend`): that word is the flag's value, so a
// place where a command's words stand counts only if its definition's flags (which say whether
// the word before takes a value) agree. Only candidates' definitions are loaded, usually one.
import type { CommandDefinition } from '../commands/command.ts';
import { COMMANDS, type CommandEntry } from '../commands/registry.ts';
import { commandAt } from './parse-line.ts';

export interface FoundCommand {
  entry: CommandEntry;
  definition: CommandDefinition<any, any>;
}

/** The command `argv` (the words before any `--`) names: the earliest that is not a flag's value. */
export async function findCommandIn(argv: readonly string[]): Promise<FoundCommand | undefined> {
  for (let i = 0; i < argv.length; i++) {
    const entry = COMMANDS.find((e) => e.path.every((word, j) => argv[i + j] === word));
    if (!entry) continue;
    const definition = (await entry.load()).default;
    // Its words at i are the command unless the flag before them takes them as its value.
    if (commandAt(argv, entry.path, definition) === i) return { entry, definition };
  }
  return undefined;
}
