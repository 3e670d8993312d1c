// What must hold for the assistant targets (Claude Code, Codex, pi, OpenCode) and the proxy's users
// after every command, whatever happened before (test/model/assistants-state.test.ts checks these
// after each step, beside key-invariants.ts's per-alias rules). Read from the outside, with readers
// that are not ollm's: JSON.parse for Claude Code's strict JSON, smol-toml for Codex, json5 for pi's
// and OpenCode's JSONC.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import JSON5 from 'json5';
import { parse as parseToml } from 'smol-toml';
import type { World } from './fixture.ts';
import { keyState, observe, type Observed } from './key-invariants.ts';

export const ASSISTANTS = ['claude-code', 'codex', 'pi', 'opencode'] as const;
export type Assistant = typeof ASSISTANTS[number];

/** Each assistant's style flag and styles; the first is the default. */
export const STYLES: Record<Assistant, { flag: string; styles: readonly string[]; keyless: readonly string[] }> = {
  'claude-code': { flag: '--claude-style', styles: ['helper', 'file'], keyless: ['helper'] },
  codex: { flag: '--codex-style', styles: ['helper', 'env', 'file'], keyless: ['helper', 'env'] },
  pi: { flag: '--pi-style', styles: ['helper', 'file'], keyless: ['helper'] },
  opencode: { flag: '--opencode-style', styles: ['env', 'file'], keyless: ['env'] },
};

/** The file each assistant reads in a world's HOME (its default place: no CODEX_HOME, no PI_CODING_AGENT_DIR…). */
export function targetFile(world: World, assistant: Assistant): string {
  const home = world.home.dir;
  switch (assistant) {
    case 'claude-code': return join(home, '.claude', 'settings.json');
    case 'codex': return join(home, '.codex', 'config.toml');
    case 'pi': return join(home, '.pi', 'agent', 'models.json');
    case 'opencode': return join(world.home.env.XDG_CONFIG_HOME!, 'opencode', 'opencode.json');
  }
}

/** Parse an assistant's file as the assistant would, with a reader that is not ollm's. */
export function parseTarget(assistant: Assistant, text: string): any {
  if (assistant === 'claude-code') return JSON.parse(text);
  if (assistant === 'codex') return parseToml(text);
  return JSON5.parse(text);
}

/** Where the key the assistant sends comes from, read from its parsed file. */
interface Pointer {
  /** The key itself (file styles). */
  key?: string;
  /** A command or reference (keyless styles): the text that names the alias and the proxy. */
  reference?: string;
  /** The proxy URL the assistant sends to. */
  baseUrl?: string;
}

function pointer(assistant: Assistant, config: any): Pointer | undefined {
  switch (assistant) {
    case 'claude-code': {
      const env = config?.env ?? {};
      if (typeof env.ANTHROPIC_AUTH_TOKEN === 'string') return { key: env.ANTHROPIC_AUTH_TOKEN, baseUrl: env.ANTHROPIC_BASE_URL };
      if (typeof config?.apiKeyHelper === 'string') return { reference: config.apiKeyHelper, baseUrl: env.ANTHROPIC_BASE_URL };
      return undefined;
    }
    case 'codex': {
      const provider = config?.model_providers?.ollm;
      if (!provider) return undefined;
      if (typeof provider.experimental_bearer_token === 'string') return { key: provider.experimental_bearer_token, baseUrl: provider.base_url };
      if (provider.auth) return { reference: [provider.auth.command, ...(provider.auth.args ?? [])].join(' '), baseUrl: provider.base_url };
      if (typeof provider.env_key === 'string') return { reference: provider.env_key, baseUrl: provider.base_url };
      return undefined;
    }
    case 'pi': {
      const provider = config?.providers?.litellm;
      if (typeof provider?.apiKey !== 'string') return undefined;
      return provider.apiKey.startsWith('!') ? { reference: provider.apiKey, baseUrl: provider.baseUrl } : { key: provider.apiKey, baseUrl: provider.baseUrl };
    }
    case 'opencode': {
      const options = config?.provider?.litellm?.options;
      if (typeof options?.apiKey !== 'string') return undefined;
      return options.apiKey.startsWith('{env:') ? { reference: options.apiKey, baseUrl: options.baseURL } : { key: options.apiKey, baseUrl: options.baseURL };
    }
  }
}

/** What the test did to a target on purpose: ollm must leave a damaged file as it is. */
export interface TargetFaults {
  /** file → the damaged text the test wrote (until the test restores it). */
  damaged: ReadonlyMap<string, string>;
  /** Files the test made read-only (chattr +i, else mode 0444). */
  locked: ReadonlySet<string>;
}

const KEY_SHAPE = /sk-[A-Za-z0-9_-]{16,}/;
const token = (key: string) => createHash('sha256').update(key).digest('hex');

/** Problems with one assistant's target, given what the alias's state is. */
async function targetProblems(world: World, assistant: Assistant, observed: Observed, faults: TargetFaults): Promise<string[]> {
  const problems: string[] = [];
  // observe() lists every rotation journal here; only this alias's own rotation excuses its file.
  const seen = { ...observed, journals: ownJournals(world, assistant, observed) };
  const file = targetFile(world, assistant);
  if (!existsSync(file)) return problems;
  const text = readFileSync(file, 'utf8');
  const damaged = faults.damaged.get(file);
  if (damaged !== undefined) {
    if (text !== damaged) problems.push(`${assistant}: ollm rewrote ${file}, which the test had damaged (it must refuse to edit it)`);
    return problems;
  }
  const mode = statSync(file).mode & 0o777;
  if (mode !== 0o600 && !(faults.locked.has(file) && mode === 0o444)) problems.push(`${assistant}: ${file} has mode ${mode.toString(8)}, not 0600`);
  let config: any;
  try {
    config = parseTarget(assistant, text);
  } catch (error) {
    problems.push(`${assistant}: ${file} does not parse (${(error as Error).message.split('\n')[0]})`);
    return problems;
  }
  const record = seen.records.find((r) => r.kind === assistant);
  const found = pointer(assistant, config);
  // A keyless style keeps every key out of the file.
  if (record && STYLES[assistant].keyless.includes(record.style!) && seen.journals.length === 0 && KEY_SHAPE.test(text)) {
    problems.push(`${assistant}: ${record.style} style keeps the file keyless, yet ${file} holds a key`);
  }
  if (!seen.held || !record || !found) return problems;
  const journalTokens = new Set(seen.journals.flatMap((j) => [j.oldToken, j.newToken]));
  if (found.baseUrl !== undefined && !found.baseUrl.startsWith(world.server.url)) problems.push(`${assistant}: ${file} sends to ${found.baseUrl}, not to the proxy`);
  if (found.key !== undefined) {
    if (await keyState(world, found.key) !== 'works' && !journalTokens.has(token(found.key))) problems.push(`${assistant}: ${file} holds a key that does not work`);
    // Settled (no rotation under way) and free to write: the file names the very key held here, not
    // an old one that works only until its grace ends.
    else if (seen.journals.length === 0 && !faults.locked.has(file) && found.key !== seen.held) problems.push(`${assistant}: ${file} holds another key (…${found.key.slice(-4)}) than the one held here (…${seen.held.slice(-4)})`);
  } else if (assistant !== 'codex' || !found.reference!.includes('LITELLM_API_KEY')) {
    // The helper names the alias and the proxy, so it fetches the held key (which key-invariants checks works).
    if (assistant === 'opencode') {
      if (found.reference !== '{env:OLLM_OPENCODE_API_KEY}') problems.push(`${assistant}: ${file} refers to ${found.reference}`);
    } else if (!found.reference!.includes(assistant) || !found.reference!.includes(world.server.url)) {
      problems.push(`${assistant}: ${file}'s key command does not name the alias and this proxy: ${found.reference}`);
    } else {
      // Run the command's ollm part (`key get …`) as the assistant would get it: it prints the held key.
      const words = [...found.reference!.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
      const at = words.findIndex((w, i) => w === 'key' && words[i + 1] === 'get');
      const answer = at < 0 ? undefined : await world.ollm(words.slice(at), { timeoutMs: 60_000 });
      if (answer?.stdout.trim() !== seen.held) problems.push(`${assistant}: ${file}'s key command does not print the held key (exit ${answer?.code}: ${answer?.stderr.trim().split('\n')[0]})`);
    }
  }
  return problems;
}

/** The journals of the alias's own interrupted rotation (observe() returns those of every alias). */
export function ownJournals(world: World, alias: string, seen: Observed): Observed['journals'] {
  return seen.journals.filter((j) => j.account === `${alias}@${world.server.url}`);
}

/**
 * The proxy's users and every key on it: a key belongs to an assistant alias (checked per alias by
 * key-invariants), to a user the proxy still has, or to a key the test made elsewhere (`others`);
 * anything else is an orphan no one holds.
 */
function proxyProblems(world: World, others: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const users = new Set(world.server.users().map((u) => u.user_id));
  for (const key of world.server.keys()) {
    const alias = key.key_alias ?? '';
    if (ASSISTANTS.some((a) => alias === a || alias.startsWith(`${a}-retired-`))) continue;
    if (others.has(alias)) continue;
    if (key.user_id && users.has(key.user_id)) continue;
    problems.push(`an orphan key on the proxy: ${alias || '(no alias)'} of user ${key.user_id ?? '(none)'} (…${key.key.slice(-4)})`);
  }
  return problems;
}

/** The parts of the invariants that are about assistants' files and the proxy's users. */
export async function checkAssistantInvariants(world: World, faults: TargetFaults, others: ReadonlySet<string> = new Set()): Promise<void> {
  const problems = proxyProblems(world, others);
  for (const assistant of ASSISTANTS) problems.push(...await targetProblems(world, assistant, observe(world, assistant), faults));
  const store = join(world.home.env.XDG_STATE_HOME!, 'ollm', 'insecure-secrets.json');
  if (existsSync(store) && (statSync(store).mode & 0o777) !== 0o600) problems.push(`ollm's file store ${store} is not 0600`);
  if (problems.length) throw new Error(`invariants broken:\n  ${problems.join('\n  ')}`);
}
