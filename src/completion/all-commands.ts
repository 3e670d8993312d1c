// The completion model of every command in the registry (what `ollm completion` prints, and what
// tests check). The `completion` command itself gets the registry through Ctx (COMMAND_LIST).
import { COMMANDS, GROUPS } from '../commands/registry.ts';
import type { Options } from '../parse/options.ts';
import { completionModelOf, type CompletionModel } from './model.ts';

export function buildCompletionModel(globalOptions: Record<string, Options>): Promise<CompletionModel> {
  return completionModelOf({ commands: COMMANDS, groups: GROUPS }, globalOptions);
}
