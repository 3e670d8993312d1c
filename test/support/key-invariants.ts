// What must hold for one alias after every command, whatever happened before (the model-based
// test in test/model/ checks these after each step). Read from the outside, as a user would see
// it: the proxy's keys, the keychain, and the files OpenClaw reads — OpenClaw's config parsed
// with the `json5` package, not with ollm's own parser.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import JSON5 from 'json5';
import type { World } from './fixture.ts';
const token = (key: string) => createHash('sha256').update(key).digest('hex');

export interface Observed {
  held: string | undefined;
  pending: string | undefined;
  journals: Array<{ alias: string; account: string; oldToken: string; newToken: string; keep: string }>;
  records: Array<{ kind: string; file: string; style?: string; mode?: string; variable?: string }>;
}

export function observe(world: World, alias: string): Observed {
  const account = `${alias}@${world.server.url}`;
  const state = join(world.home.dir, '.local', 'state', 'ollm');
  const journalDir = join(state, 'rotations');
  const journals = existsSync(journalDir)
    ? readdirSync(journalDir).filter((n) => n.endsWith('.json')).map((n) => JSON.parse(readFileSync(join(journalDir, n), 'utf8')))
    : [];
  const manifestFile = join(state, 'targets.json');
  const manifest = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : { accounts: {} };
  return {
    // A key moved to ollm's plain-text file store (`key write --store file`) is held too; like ollm
    // (src/secrets/key-vault.ts), the file is asked first (a move cut short leaves the key in both).
    held: fileStoreSecrets(world)[`ollm/${account}`] ?? world.heldKey(alias),
    pending: world.entries('ollm-pending').get(account) ?? fileStoreSecrets(world)[`ollm-pending/${account}`],
    journals,
    records: manifest.accounts[account] ?? [],
  };
}

/** ollm's plain-text file store (src/secrets/insecure-file-store.ts): "<service>/<account>" → secret. */
export function fileStoreSecrets(world: World): Record<string, string> {
  const file = join(world.home.env.XDG_STATE_HOME!, 'ollm', 'insecure-secrets.json');
  if (!existsSync(file)) return {};
  return (JSON.parse(readFileSync(file, 'utf8')) as { secrets: Record<string, string> }).secrets;
}

/** What a request made with the key gets: it works, it is refused as blocked, or refused otherwise. */
export async function keyState(world: World, key: string): Promise<'works' | 'blocked' | 'refused'> {
  const response = await fetch(`${world.server.url}/key/info`, { headers: { authorization: `Bearer ${key}` } });
  if (response.status === 200) return 'works';
  const body = await response.json().catch(() => null) as { error?: { message?: string } } | null;
  return /Key is blocked/.test(body?.error?.message ?? '') ? 'blocked' : 'refused';
}

/** What the user asked of the alias's key: blocked (`key update --block`) or not. */
export interface Expected {
  blocked: boolean;
}

/** The key OpenClaw would send from each recorded place (null: it asks the keychain, or holds none). */
function keysInTargets(records: Observed['records'], account: string): Array<{ where: string; key: string }> {
  const found: Array<{ where: string; key: string }> = [];
  for (const record of records) {
    if (!existsSync(record.file)) continue;
    const text = readFileSync(record.file, 'utf8');
    if (record.kind === 'openclaw') {
      const config = JSON5.parse(text) as { env?: { vars?: Record<string, unknown> } };
      const variable = record.style === 'anthropic' ? 'ANTHROPIC_API_KEY' : 'LITELLM_API_KEY';
      const value = config.env?.vars?.[variable];
      if (record.style !== 'keychain' && typeof value === 'string') found.push({ where: `${record.file} env.vars.${variable}`, key: value });
    } else if (record.kind === 'dotenv') {
      const line = text.split('\n').find((l) => l.startsWith(`${record.variable}=`));
      if (line) found.push({ where: `${record.file} ${record.variable}`, key: line.slice(record.variable!.length + 1).replace(/^["']|["']$/g, '') });
    } else if (record.kind === 'profile' && record.mode === 'literal') {
      const block = text.split(`# >>> ollm ${account} >>>`)[1]?.split(`# <<< ollm ${account} <<<`)[0] ?? '';
      const value = /'(sk-[^']*)'/.exec(block)?.[1];
      if (value) found.push({ where: `${record.file} (profile)`, key: value });
    }
  }
  return found;
}

/** Files under HOME holding something shaped like a key. */
export function filesWithKeys(home: string): string[] {
  const hits: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const info = statSync(path);
      if (info.isDirectory()) walk(path);
      else if (/sk-[A-Za-z0-9_-]{16,}/.test(readFileSync(path, 'latin1'))) hits.push(path);
    }
  };
  walk(home);
  return hits;
}

/** Control characters a terminal acts on (ESC, C1, bidi overrides): never in what ollm prints. */
export const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Throws (with what is wrong) when an invariant does not hold. */
export async function checkInvariants(world: World, alias: string, output: string, printed: ReadonlySet<string> = new Set(), expected: Expected = { blocked: false }): Promise<void> {
  const seen = observe(world, alias);
  const account = `${alias}@${world.server.url}`;
  const problems: string[] = [];
  // An interrupted rotation (a kill) is allowed its two keys until it is resumed.
  const journalTokens = new Set(seen.journals.flatMap((j) => [j.oldToken, j.newToken]));
  // Printed (--reveal) counts as kept: its holder lives elsewhere.
  const kept = new Set([seen.held, seen.pending, ...printed].filter((k): k is string => !!k).map(token));

  // 1. Every key of the alias on the proxy is held here, printed, retired with an expiry, or in a journal.
  for (const key of world.server.keys().filter((k) => k.key_alias === alias || k.key_alias?.startsWith(`${alias}-retired-`))) {
    const retired = key.key_alias !== alias && key.expires !== null;
    if (!kept.has(key.token) && !retired && !journalTokens.has(key.token)) problems.push(`the proxy's key ${key.key_alias} (…${key.key.slice(-4)}) is held nowhere and never expires`);
  }
  // A key the user blocked is as good as it should be when the proxy refuses it as blocked.
  const fine = (state: string) => state === 'works' || (expected.blocked && state === 'blocked');
  // 2. The held key works (or is blocked, as the user asked).
  if (seen.held && !fine(await keyState(world, seen.held))) {
    if (!journalTokens.has(token(seen.held))) problems.push('the key the keychain holds does not work');
  }
  // 3. What OpenClaw (and the shell) would send works, while ollm holds the key.
  if (seen.held) {
    for (const { where, key } of keysInTargets(seen.records, account)) {
      if (!fine(await keyState(world, key)) && !journalTokens.has(token(key))) problems.push(`${where} holds a key that does not work`);
    }
  }
  // 6. ollm unblocks nothing: after `key update --block`, neither the held key nor one a rotation
  // is making for it (pending, or named by a journal) works.
  if (expected.blocked) {
    const successors = world.server.keys().filter((k) => k.key === seen.held || k.key === seen.pending || seen.journals.some((j) => j.alias === alias && j.newToken === k.token));
    for (const key of successors) {
      if (await keyState(world, key.key) === 'works') problems.push(`the key ${key.key_alias} (…${key.key.slice(-4)}) works, though the user blocked the alias's key`);
    }
  }
  // 4. Under the keychain style no file under HOME holds a key.
  if (seen.held && seen.records.some((r) => r.kind === 'openclaw' && r.style === 'keychain') && seen.journals.length === 0) {
    const hits = filesWithKeys(world.home.dir);
    if (hits.length) problems.push(`keychain style, yet keys in ${hits.join(', ')}`);
  }
  // 5. Nothing printed acts on the terminal.
  if (TERMINAL_CONTROLS.test(output)) problems.push(`the output has a terminal control character: ${JSON.stringify(output.slice(0, 300))}`);
  if (problems.length) throw new Error(`invariants broken:\n  ${problems.join('\n  ')}`);
}
