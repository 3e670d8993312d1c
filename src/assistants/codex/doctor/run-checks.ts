// Codex's doctor checks: what Codex will really do with its config — which provider it picks
// (model_provider, a profile file, a legacy `profile =` it refuses), how that provider gets its
// key (the helper, env_key, a static token; env_key with auth, which Codex refuses) — and the
// key it will send: the helper run as Codex runs it (command + args, no shell) with a bare
// environment, its answer compared with the held key and tried against the proxy.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DoctorContext } from '../../../doctor/check.ts';
import { heldLookup, targetRecords } from '../../../doctor/facts.ts';
import { fail, ok, skip, warn, type CheckResult } from '../../../doctor/report.ts';
import { UserError } from '../../../errors.ts';
import { runProcess } from '../../../io/run-process.ts';
import { maskKey } from '../../../output/mask.ts';
import { CodexConfigFile, parseToml } from '../config-file.ts';
import { blockPointsAt } from '../config-edits.ts';
import { resolveCodexPaths, type CodexPaths } from '../paths.ts';
import { isCodexRecord } from '../record.ts';
import { CODEX_PROVIDER_ID, HELPER_TIMEOUT_MS } from '../styles.ts';
import { readFile } from 'node:fs/promises';

type Table = Record<string, unknown>;
const isTable = (value: unknown): value is Table => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** What ollm's key get needs from a bare environment: its files (HOME, XDG) and the Secret Service (the bus). */
const HELPER_ENV = ['HOME', 'DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'XDG_CONFIG_HOME', 'XDG_STATE_HOME'];

interface CodexState {
  paths: CodexPaths;
  data: Table | null;
  existed: boolean;
  error: string | null;
  /** The provider Codex picks (model_provider, else its built-in "openai"). */
  chosen: string;
  block: Table | null;
}

async function codexState(d: DoctorContext): Promise<CodexState> {
  return d.fact('codex-state', async () => {
    const record = (await targetRecords(d)).find(isCodexRecord);
    const paths = record ? { ...resolveCodexPaths(record.file, d.ctx.env), configSource: 'where ollm wrote it' } : resolveCodexPaths(undefined, d.ctx.env);
    try {
      const loaded = await new CodexConfigFile(paths.configFile).load();
      const providers = isTable(loaded.data.model_providers) ? loaded.data.model_providers : {};
      const block = isTable(providers[CODEX_PROVIDER_ID]) ? providers[CODEX_PROVIDER_ID] as Table : null;
      const chosen = typeof loaded.data.model_provider === 'string' ? loaded.data.model_provider : 'openai';
      return { paths, data: loaded.data, existed: loaded.existed, error: null, chosen, block };
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return { paths, data: null, existed: true, error: error.message, chosen: 'openai', block: null };
    }
  });
}

export async function runCodexCheck(id: string, d: DoctorContext): Promise<CheckResult> {
  const state = await codexState(d);
  const write = d.fixes.ollm('key write', '--write codex');
  if (id === 'codex-config') {
    if (state.error) return fail(state.error, `Fix ${state.paths.configFile} by hand; then ${write}`);
    if (!state.existed) return skip(`No Codex config at ${state.paths.configFile} (${state.paths.configSource}).`);
    return ok(`${state.paths.configFile} (${state.paths.configSource})`);
  }
  if (!state.data) return skip(state.error ? 'Codex\'s config cannot be read (see above).' : 'No Codex config.');
  if (id === 'codex-provider') return checkProvider(state, d, write);
  if (id === 'codex-profiles') return checkProfiles(state);
  return checkKey(state, d, write);
}

function checkProvider(state: CodexState, d: DoctorContext, write: string): CheckResult {
  const data = state.data!;
  if (typeof data.profile === 'string') {
    return fail(`${state.paths.configFile} sets profile = ${JSON.stringify(data.profile)}, which Codex 0.171 refuses to start with.`, `Remove that line; select a profile with \`codex --profile ${data.profile}\` and ${data.profile}.config.toml instead.`);
  }
  const block = state.block;
  if (!block) return skip(`No [model_providers.${CODEX_PROVIDER_ID}] in ${state.paths.configFile}: ollm wrote no key for Codex there.`);
  if (block.env_key !== undefined && block.auth !== undefined) {
    return fail(`[model_providers.${CODEX_PROVIDER_ID}] sets both env_key and auth; Codex refuses to load such a config.`, write);
  }
  if (!blockPointsAt(block, d.proxy.base)) return fail(`[model_providers.${CODEX_PROVIDER_ID}] base_url is ${JSON.stringify(block.base_url)}, not this proxy (${d.proxy.base}/v1).`, write);
  if (block.wire_api !== 'responses') return fail(`[model_providers.${CODEX_PROVIDER_ID}] wire_api is ${JSON.stringify(block.wire_api)}; Codex 0.171 speaks only "responses".`, write);
  if (state.chosen !== CODEX_PROVIDER_ID) {
    return warn(`Codex uses model_provider = ${JSON.stringify(state.chosen)}, not ollm's "${CODEX_PROVIDER_ID}", so it does not send this key (unless started with --config model_provider=${CODEX_PROVIDER_ID}).`, d.fixes.ollm('key write', '--write codex', '--codex-select'));
  }
  return ok(`model_provider = "${CODEX_PROVIDER_ID}" → ${String(block.base_url)}`);
}

/** Profiles are `<name>.config.toml` beside config.toml (`codex --profile <name>`); one may choose another provider. */
async function checkProfiles(state: CodexState): Promise<CheckResult> {
  const names = (await readdir(state.paths.home).catch(() => [] as string[])).filter((n) => n.endsWith('.config.toml') && n !== 'config.toml');
  const others: string[] = [];
  for (const name of names) {
    try {
      const data = parseToml(await readFile(join(state.paths.home, name), 'utf8'), name);
      if (typeof data.model_provider === 'string' && data.model_provider !== CODEX_PROVIDER_ID) others.push(`${name.slice(0, -'.config.toml'.length)} (${data.model_provider})`);
    } catch { /* a broken profile is Codex's to report when it is used */ }
  }
  if (others.length === 0) return ok(names.length ? `${names.length} profile file${names.length === 1 ? '' : 's'}; none chooses another provider` : 'No profile files');
  return warn(`codex --profile ${others.join(', ')} chooses another provider, which does not send this key.`, `Set model_provider = "${CODEX_PROVIDER_ID}" in those profile files, or do not use them with this key.`);
}

async function checkKey(state: CodexState, d: DoctorContext, write: string): Promise<CheckResult> {
  const block = state.block;
  if (!block) return skip('ollm wrote no provider for Codex.');
  const { held } = await heldLookup(d);
  let sent: string | null;
  let how: string;
  if (isTable(block.auth)) {
    const run = await runHelper(block.auth, state.paths.home, d.ctx.env);
    if ('error' in run) return fail(`Codex's auth command failed: ${run.error}`, write);
    sent = run.token;
    how = 'the auth command, run as Codex runs it (no shell, bare environment),';
  } else if (typeof block.env_key === 'string') {
    sent = d.ctx.env[block.env_key] ?? null;
    how = `${block.env_key} in this environment`;
    if (sent === null) return warn(`Codex reads the key from ${block.env_key}, which is not set here; start Codex with \`ollm exec --for codex -- codex\`.`, null);
  } else if (typeof block.experimental_bearer_token === 'string') {
    sent = block.experimental_bearer_token;
    how = 'experimental_bearer_token in the config';
  } else {
    return fail(`[model_providers.${CODEX_PROVIDER_ID}] has no auth, env_key or experimental_bearer_token: Codex sends no key.`, write);
  }
  if (held && sent !== held.secret) return fail(`${how} gives ${maskKey(sent)}, not the key held here (${maskKey(held.secret)}).`, write);
  try {
    await d.client.listModels({ secret: sent, kind: 'virtual' });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return fail(`${how} gives ${maskKey(sent)}, which the proxy refuses: ${error.message}`, d.fixes.ollm('key info'));
  }
  return ok(`${how} gives ${maskKey(sent)}${held ? ', the key held here,' : ''} and the proxy accepts it`);
}

/** Codex's own way: `command` with `args`, no shell, cwd = its home; ollm passes only what key get needs. */
async function runHelper(auth: Table, cwd: string, env: NodeJS.ProcessEnv): Promise<{ token: string } | { error: string }> {
  if (typeof auth.command !== 'string') return { error: 'auth.command is not a string' };
  const args = Array.isArray(auth.args) ? auth.args.filter((a): a is string => typeof a === 'string') : [];
  const bare = Object.fromEntries(HELPER_ENV.filter((name) => env[name] !== undefined).map((name) => [name, env[name]]));
  const timeoutMs = typeof auth.timeout_ms === 'number' ? auth.timeout_ms : HELPER_TIMEOUT_MS;
  const run = await runProcess(auth.command, args, { env: bare, cwd: await readdir(cwd).then(() => cwd, () => undefined), timeoutMs });
  if (run.spawnError) return { error: `${auth.command} could not be started (${run.spawnError.message})` };
  if (run.timedOut) return { error: `it did not answer within ${timeoutMs} ms` };
  if (run.code !== 0) return { error: `it exited with ${run.code}: ${run.stderr.trim().split('\n').pop() ?? ''}` };
  const token = run.stdout.trim();
  return token ? { token } : { error: 'it printed no key' };
}

