// What this machine has for each assistant, from ollm's own records and the assistant's own
// traces, without asking the proxy: whether it is installed (its config file or program), the
// alias whose key it uses, and the keys held here for it (where each is stored, where written).
// `ollm status` adds what the proxy says about each key. The assistants are handed in (the
// composition's list), so this works unchanged for every adapter.
import type { Assistant, Installation } from '../assistants/assistant.ts';
import type { Ctx } from '../context.ts';
import { UserError } from '../errors.ts';
import { assistantAlias } from '../keys/assistant-alias.ts';
import { localKeys, type LocalKey } from '../keys/local-keys.ts';
import { KEY_SERVICE, keyAccount } from '../secrets/store.ts';

export interface AssistantSurvey {
  assistant: Assistant;
  /** Where it was found; null when it was not (it is listed because a key is held for it). */
  installation: Installation | null;
  /**
   * The alias whose key it uses: the key ollm wrote into its own config (the config found here
   * first), else the alias a bare `ollm key create --for <it>` makes.
   */
  alias: string;
  /** The keys of this proxy held (or recorded) here for it: written to its own places, or of its alias. */
  keys: LocalKey[];
}

export interface Survey {
  proxy: string;
  /** Every assistant found here or holding a key, in the order of the list. */
  assistants: AssistantSurvey[];
  /** The keys held here for this proxy that belong to none of them (`--write profile` only, say). */
  others: LocalKey[];
}

export async function surveyAssistants(ctx: Ctx, assistants: readonly Assistant[]): Promise<Survey> {
  const proxy = (await ctx.proxy()).base;
  const local = (await localKeys(ctx)).filter((key) => key.proxy === proxy);
  const surveyed = await Promise.all(assistants.map((assistant) => surveyOne(ctx, assistant, proxy, local)));
  const listed = surveyed.filter((s) => s.installation !== null || s.keys.length > 0);
  const claimed = new Set(surveyed.flatMap((s) => s.keys.map((key) => key.account)));
  return { proxy, assistants: listed, others: local.filter((key) => !claimed.has(key.account)) };
}

async function surveyOne(ctx: Ctx, assistant: Assistant, proxy: string, local: LocalKey[]): Promise<AssistantSurvey> {
  const ownKinds = new Set(assistant.targetKinds.map((kind) => kind.name));
  const [installation, ownAlias] = await Promise.all([
    assistant.detect(ctx.env),
    assistantAlias(ctx, assistant),
  ]);
  const ownPlaces = (key: LocalKey) => key.targets.filter((record) => ownKinds.has(record.kind));
  const written = local.filter((key) => ownPlaces(key).length > 0);
  const ownKey = local.find((key) => key.alias === ownAlias) ?? await heldWithoutRecord(ctx, ownAlias, proxy);
  const keys = [...written, ...(ownKey && !written.includes(ownKey) ? [ownKey] : [])];
  // Several configs may hold one of its keys each; the one it reads here is the found one.
  const inUse = written.find((key) => ownPlaces(key).some((record) => record.file === installation?.config)) ?? written[0];
  return { assistant, installation, alias: inUse?.alias ?? ownAlias, keys };
}

/**
 * A key held for the alias that ollm's target list does not name (made before the list existed,
 * or the list was moved aside): still its key. Unreadable stores count as not holding it; the
 * records' own keys already carry that doubt.
 */
async function heldWithoutRecord(ctx: Ctx, alias: string, proxy: string): Promise<LocalKey | undefined> {
  const account = keyAccount(alias, proxy);
  try {
    const found = await (await ctx.vault()).find(KEY_SERVICE, account);
    if (!found) return undefined;
    return { alias, proxy, account, storage: found.store.kind, storeDescription: found.store.description, targets: [] };
  } catch (error) {
    if (error instanceof UserError) return undefined;
    throw error;
  }
}
