// Which assistants `ollm setup` gives a key: `--for a,b` (or repeated), else the ones found on this
// machine, else the default one (the first of the list). Asked on the terminal only when there is
// a choice to make: no `--for`, and more than one found.
import type { Assistant } from '../assistants/assistant.ts';
import { UsageError } from '../errors.ts';

/** `openclaw,codex` (repeatable) → those assistants, in the order given, each once. Throws UsageError naming an unknown one. */
export function parseAssistantList(values: readonly string[], all: readonly Assistant[], label = '--for'): Assistant[] {
  const names = [...new Set(values.flatMap((v) => v.split(',')).map((n) => n.trim()).filter(Boolean))];
  return names.map((name) => {
    const found = all.find((a) => a.name === name);
    if (!found) throw new UsageError(`${label} ${JSON.stringify(name)} is not an assistant ollm knows.`, `Use ${all.map((a) => a.name).join(', ')}.`);
    return found;
  });
}

export interface SetupChoice {
  /** Preselected: given with --for, else found here, else the default assistant. */
  preselected: Assistant[];
  /** Whether to ask (on a terminal): more than one found and no --for. */
  ask: boolean;
}

/** `found`: each assistant's detect() answer, in the order of `all`. */
export function setupChoice(all: readonly Assistant[], found: readonly boolean[], given: readonly string[] | undefined): SetupChoice {
  if (given && given.length) return { preselected: parseAssistantList(given, all), ask: false };
  const here = all.filter((_, i) => found[i]);
  return here.length ? { preselected: here, ask: here.length > 1 } : { preselected: [all[0]!], ask: false };
}
