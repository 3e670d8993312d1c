// pi's doctor checks. pi reads ollm's provider from models.json (no project file overrides it),
// but a key stored by `/login` in auth.json for the same provider wins over it, and the apiKey
// value is a command (`!…`, run by /bin/sh with pi's environment), a variable's name or the key.
// The key pi would send is worked out exactly so, and tried on the proxy.
import { readFile } from 'node:fs/promises';
import type { DoctorContext } from '../../../doctor/check.ts';
import { heldLookup, targetRecords } from '../../../doctor/facts.ts';
import { fail, ok, skip, warn, type CheckResult } from '../../../doctor/report.ts';
import { runProcess } from '../../../io/run-process.ts';
import { maskKey } from '../../../output/mask.ts';
import { pointsAtProxy } from '../../../config/proxy-url.ts';
import { UserError } from '../../../errors.ts';
import { shellWord } from '../../../output/shell-quote.ts';
import { PiModelsFile } from '../models-file.ts';
import { resolvePiPaths, type PiPaths } from '../paths.ts';
import { isPiRecord } from '../record.ts';
import { PI_PROVIDER } from '../styles.ts';

/** pi's own deadline for an apiKey command (resolve-config-value.js). */
const PI_COMMAND_TIMEOUT_MS = 10_000;

interface PiState {
  paths: PiPaths;
  /** ollm's provider entry, or null with the reason. */
  provider: Record<string, unknown> | null;
  problem: CheckResult | null;
}

function piState(d: DoctorContext): Promise<PiState> {
  return d.fact('pi', async () => {
    const record = (await targetRecords(d)).find(isPiRecord);
    const read = resolvePiPaths(undefined, d.ctx.env);
    // The file ollm wrote this key to, else the one pi reads (then named by what chose it).
    const paths = !record || record.file === read.modelsFile ? read : { ...resolvePiPaths(record.file, d.ctx.env), source: 'where ollm wrote this key' };
    const rewrite = d.fixes.ollm('key write', '--for pi');
    try {
      const loaded = await new PiModelsFile(paths.modelsFile).load();
      if (loaded.original === null) return { paths, provider: null, problem: fail(`${paths.modelsFile} does not exist, so pi knows no ${PI_PROVIDER} provider.`, rewrite) };
      const provider = loaded.doc.get(['providers', PI_PROVIDER]);
      if (provider === null || typeof provider !== 'object' || Array.isArray(provider)) {
        return { paths, provider: null, problem: fail(`${paths.modelsFile} has no providers.${PI_PROVIDER}.`, rewrite) };
      }
      return { paths, provider: provider as Record<string, unknown>, problem: null };
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return { paths, provider: null, problem: fail(error.message, error.hint ?? null) };
    }
  });
}

export async function runPiCheck(id: string, d: DoctorContext): Promise<CheckResult> {
  if (id === 'pi-program') return checkProgram(d);
  const state = await piState(d);
  if (id === 'pi-models') return checkModels(d, state);
  if (id === 'pi-auth') return checkAuth(state);
  return checkKey(d, state);
}

/** The first pi that runs the apiKey command for every request (0.63.0); `!` commands came in 0.49.1. */
const PER_REQUEST = [0, 63, 0];
const COMMANDS = [0, 49, 1];

/** pi on PATH, by its version: how soon it picks up a rotated key. */
async function checkProgram(d: DoctorContext): Promise<CheckResult> {
  const { findPiProgram } = await import('../detect.ts');
  const program = await findPiProgram(d.ctx.env);
  if (!program) return skip('pi is not on PATH here; its version decides how soon it picks up a rotated key (0.63+: at the next request).');
  const run = await runProcess(program, ['--version'], { env: d.ctx.env, timeoutMs: 30_000 });
  const version = /(\d+)\.(\d+)\.(\d+)/.exec(`${run.stdout}${run.stderr}`);
  if (!version) return warn(`${program} --version gave no version (${run.code === null ? 'no answer' : `exit ${run.code}`}).`, null);
  const parts = version.slice(1).map(Number);
  const below = (min: number[]) => parts[0]! * 1e6 + parts[1]! * 1e3 + parts[2]! < min[0]! * 1e6 + min[1]! * 1e3 + min[2]!;
  const upgrade = 'npm install -g @mariozechner/pi-coding-agent@latest';
  if (below(COMMANDS)) return fail(`pi ${version[0]} cannot run a command for its key ("!…" in apiKey came with 0.49.1).`, upgrade);
  if (below(PER_REQUEST)) return warn(`pi ${version[0]} runs the apiKey command once per process: a running pi keeps the old key after \`ollm key rotate\` until it is restarted.`, `${upgrade} (or rotate with --grace and restart pi)`);
  return ok(`pi ${version[0]} runs the apiKey command for every request: a rotated key is used from the next request on.`);
}

function checkModels(d: DoctorContext, state: PiState): CheckResult {
  if (state.problem) return state.problem;
  const p = state.provider!;
  const rewrite = d.fixes.ollm('key write', '--for pi');
  if (typeof p.baseUrl !== 'string' || !pointsAtProxy(p.baseUrl, d.proxy.base)) return fail(`providers.${PI_PROVIDER}.baseUrl in ${state.paths.modelsFile} is ${JSON.stringify(p.baseUrl)}, not ${d.proxy.base}/v1.`, rewrite);
  if (p.api !== 'openai-completions') return warn(`providers.${PI_PROVIDER}.api is ${JSON.stringify(p.api)}; ollm writes "openai-completions" (LiteLLM's /v1/chat/completions).`, rewrite);
  const models = Array.isArray(p.models) ? p.models.length : 0;
  if (models === 0) return warn(`providers.${PI_PROVIDER} in ${state.paths.modelsFile} lists no models, so pi offers none of the proxy's.`, d.fixes.ollm('models sync', '--for pi'));
  // pi reads the models.json of its agent directory (PI_CODING_AGENT_DIR now), whatever ollm wrote.
  const read = resolvePiPaths(undefined, d.ctx.env);
  if (read.modelsFile !== state.paths.modelsFile) {
    return warn(`ollm wrote ${state.paths.modelsFile}, but pi started from here reads ${read.modelsFile} (${read.source}).`, `${d.fixes.ollm('key write', '--for pi', `--pi-models ${shellWord(read.modelsFile)}`)}`);
  }
  return ok(`${state.paths.modelsFile} (${state.paths.source}): providers.${PI_PROVIDER} → ${p.baseUrl}, ${models} model${models === 1 ? '' : 's'}.`);
}

/** A key stored by pi's `/login` for the same provider wins over models.json. */
async function checkAuth(state: PiState): Promise<CheckResult> {
  let text: string;
  try {
    text = await readFile(state.paths.authFile, 'utf8');
  } catch {
    return ok(`No ${state.paths.authFile}: nothing overrides models.json.`);
  }
  let stored: unknown;
  try {
    stored = (JSON.parse(text) as Record<string, unknown>)[PI_PROVIDER];
  } catch {
    return warn(`${state.paths.authFile} is not JSON; pi may not read it.`, null);
  }
  if (stored === undefined) return ok(`${state.paths.authFile} stores no login for ${PI_PROVIDER}.`);
  return fail(`${state.paths.authFile} stores a login for "${PI_PROVIDER}", which pi sends instead of the key in models.json.`, `pi: /logout ${PI_PROVIDER} (or remove "${PI_PROVIDER}" from ${shellWord(state.paths.authFile)})`);
}

/** Resolve apiKey as pi does, compare it with the held key, and try it on the proxy. */
async function checkKey(d: DoctorContext, state: PiState): Promise<CheckResult> {
  if (!state.provider) return skip('pi has no usable provider entry (see above).');
  const apiKey = state.provider.apiKey;
  const rewrite = d.fixes.ollm('key write', '--for pi');
  if (typeof apiKey !== 'string' || apiKey === '') return fail(`providers.${PI_PROVIDER} has no apiKey; pi refuses the whole models.json.`, rewrite);
  const sent = await resolveAsPi(apiKey, d.ctx.env);
  if (sent.error) return fail(`pi would get no key: ${sent.error}.`, rewrite);
  const how = apiKey.startsWith('!') ? 'its apiKey command, run by /bin/sh as pi runs it,' : d.ctx.env[apiKey] ? `the variable ${apiKey} (pi reads apiKey as a variable's name first)` : 'the key written in models.json';
  const { held } = await heldLookup(d);
  if (held && sent.value !== held.secret) return fail(`pi would send ${maskKey(sent.value!)} from ${how}, not the held key ${maskKey(held.secret)}.`, rewrite);
  try {
    await d.client.listModels({ secret: sent.value!, kind: 'virtual' });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return fail(`pi would send ${maskKey(sent.value!)} (from ${how}), which ${d.proxy.base} refuses: ${error.message}`, d.fixes.ollm('key rotate'));
  }
  return ok(`pi sends ${maskKey(sent.value!)} from ${how}${held ? ', the held key,' : ''} and ${d.proxy.base} accepts it.`);
}

/** pi 0.73's resolveConfigValue: `!cmd` through /bin/sh (stdout trimmed, stderr and stdin ignored, 10 s), else a variable's value, else the text. */
export async function resolveAsPi(apiKey: string, env: NodeJS.ProcessEnv): Promise<{ value?: string; error?: string }> {
  if (!apiKey.startsWith('!')) return { value: env[apiKey] || apiKey };
  const run = await runProcess('/bin/sh', ['-c', apiKey.slice(1)], { env, input: '', timeoutMs: PI_COMMAND_TIMEOUT_MS });
  if (run.spawnError) return { error: run.spawnError.message };
  if (run.timedOut) return { error: `its apiKey command gave no answer within ${PI_COMMAND_TIMEOUT_MS / 1000} s (pi's deadline)` };
  if (run.code !== 0) return { error: `its apiKey command exited with ${run.code}${run.stderr.trim() ? `: ${run.stderr.trim().split('\n')[0]}` : ''}` };
  const value = run.stdout.trim();
  return value ? { value } : { error: 'its apiKey command printed nothing' };
}
