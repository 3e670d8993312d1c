// The keychain style's exec secret provider, checked by OpenClaw's own rules (absolute path, no
// symlink, owned by this user, no group/world write bit) and then run the way OpenClaw runs it —
// only the passEnv variables, protocol v1 on stdin — to see that it answers with the stored key.
import { constants } from 'node:fs';
import { access, lstat, open } from 'node:fs/promises';
import { dirname, isAbsolute } from 'node:path';
import { SECRET_PROVIDER } from '../config-edits.ts';
import { secretRefId } from '../secret-ref.ts';
import type { HeldKey } from '../../../keys/held-key.ts';
import { runProcess } from '../../../io/run-process.ts';
import { maskKey } from '../../../output/mask.ts';
import type { Fixes } from '../../../doctor/fixes.ts';
import { shellWord } from '../../../output/shell-quote.ts';
import { configUsable } from './openclaw-checks.ts';
import { plaintextUnderKeychain } from './plaintext-keys.ts';
import { isObject, providerBlock, type OpenClawState, type Plain } from './openclaw-state.ts';
import { fail, ok, skip, warn, type CheckResult } from '../../../doctor/report.ts';

/** What the resolver needs from OpenClaw's bare environment to reach the Secret Service. */
const KEYCHAIN_VARS = ['HOME', 'DBUS_SESSION_BUS_ADDRESS'];
const DEFAULT_TIMEOUT_MS = 5000;

export async function checkExecProvider(state: OpenClawState, held: HeldKey | null, fixes: Fixes): Promise<CheckResult> {
  if (!configUsable(state)) return skip('There is no usable OpenClaw config (see above).');
  const secrets = state.config.secrets;
  const providers = isObject(secrets) ? secrets.providers : undefined;
  const provider = isObject(providers) ? providers[SECRET_PROVIDER] : undefined;
  const ref = providerBlock(state.config, 'litellm')?.apiKey;
  const asked = isObject(ref) && ref.source === 'exec' && ref.provider === SECRET_PROVIDER;
  if (!provider && !asked && state.style !== 'keychain') return skip('Not used: OpenClaw does not ask ollm for the key (only the keychain style does).');
  const plaintext = plaintextUnderKeychain(state, fixes);
  if (plaintext) return plaintext;
  const rewrite = fixes.ollm('key write', '--write openclaw', '--openclaw-style keychain');
  if (!isObject(provider) || provider.source !== 'exec' || typeof provider.command !== 'string') {
    return fail(`OpenClaw is to ask ollm's exec provider for the key, but secrets.providers.${SECRET_PROVIDER} is missing or not an exec provider.`, rewrite);
  }
  const command = provider.command;
  const trust = await trustProblem(command, rewrite);
  if (trust) return trust;
  const passEnv = Array.isArray(provider.passEnv) ? provider.passEnv.filter((v): v is string => typeof v === 'string') : [];
  const interpreter = await interpreterProblem(command, passEnv, rewrite);
  if (interpreter) return interpreter;
  const missing = held?.store.kind === 'keychain' ? KEYCHAIN_VARS.filter((name) => !passEnv.includes(name)) : [];
  if (missing.length) return warn(`secrets.providers.${SECRET_PROVIDER}.passEnv lacks ${missing.join(', ')}, so the resolver cannot reach the keychain from OpenClaw.`, rewrite);
  if (!held) return ok(`${command} passes OpenClaw's checks (absolute, not a symlink, yours, not writable by others); not run: no key is held here to compare with.`);

  const id = asked && typeof ref.id === 'string' ? ref.id : secretRefId(held.account);
  const answer = await runResolver(command, provider, passEnv, state.env.processEnv, id);
  if (answer.error) return fail(`${command} did not answer as OpenClaw expects: ${answer.error}.`, rewrite);
  if (answer.value !== held.secret) {
    return fail(`${command} answers ${answer.value ? `with another key (${maskKey(answer.value)})` : 'without a key'} for "${id}", not the keychain's ${maskKey(held.secret)}.`, rewrite);
  }
  return ok(`${command} passes OpenClaw's checks (absolute, not a symlink, yours, not writable by others) and, run as OpenClaw runs it, answers with the keychain's key.`);
}

// OpenClaw refuses the command outright on any of these (read from its exec-provider validation).
async function trustProblem(command: string, rewrite: string): Promise<CheckResult | null> {
  if (!isAbsolute(command)) return fail(`secrets.providers.${SECRET_PROVIDER}.command "${command}" is not an absolute path; OpenClaw refuses it.`, rewrite);
  let info;
  try {
    info = await lstat(command);
  } catch {
    return fail(`${command} (OpenClaw's exec provider) does not exist.`, rewrite);
  }
  if (info.isSymbolicLink()) return fail(`${command} is a symlink; OpenClaw refuses to run it.`, rewrite);
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) return fail(`${command} is owned by uid ${info.uid}, not by you (uid ${uid}); OpenClaw refuses to run it.`, rewrite);
  if (info.mode & 0o022) return fail(`${command} is writable by group or others (mode ${(info.mode & 0o777).toString(8)}); OpenClaw refuses to run it.`, `chmod 700 ${shellWord(command)}`);
  if (!(info.mode & 0o100)) return fail(`${command} is not executable.`, `chmod 700 ${shellWord(command)}`);
  return null;
}

// ollm's launcher names node by absolute path: a Node upgrade (nvm, fnm) can remove it. And
// `#!/usr/bin/env node` needs PATH, which OpenClaw passes only when passEnv names it.
async function interpreterProblem(command: string, passEnv: string[], rewrite: string): Promise<CheckResult | null> {
  const line = await firstLine(command);
  if (!line.startsWith('#!')) return null;
  const [interpreter, argument] = line.slice(2).trim().split(/\s+/);
  if (!interpreter) return null;
  if (interpreter === '/usr/bin/env' && !passEnv.includes('PATH')) {
    return fail(`${command} starts with "#!/usr/bin/env ${argument ?? ''}", but OpenClaw gives it no PATH, so ${argument ?? 'the interpreter'} cannot be found.`, rewrite);
  }
  try {
    await access(interpreter, constants.X_OK);
    return null;
  } catch {
    return fail(`${command} runs ${interpreter}, which no longer exists (a Node upgrade?); OpenClaw would get exit 127.`, rewrite);
  }
}

async function firstLine(path: string): Promise<string> {
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(512);
      const { bytesRead } = await handle.read(buffer, 0, 512, 0);
      return buffer.subarray(0, bytesRead).toString('utf8').split('\n')[0] ?? '';
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}

interface ResolverAnswer {
  value?: string;
  error?: string;
}

/** Run the command as OpenClaw does: no shell, only passEnv (+ env), protocol v1 on stdin, its timeout. */
async function runResolver(command: string, provider: Plain, passEnv: string[], from: NodeJS.ProcessEnv, id: string): Promise<ResolverAnswer> {
  const env: NodeJS.ProcessEnv = {};
  for (const name of passEnv) if (from[name] !== undefined) env[name] = from[name];
  if (isObject(provider.env)) for (const [name, value] of Object.entries(provider.env)) if (typeof value === 'string') env[name] = value;
  const args = Array.isArray(provider.args) ? provider.args.map(String) : [];
  const timeoutMs = typeof provider.timeoutMs === 'number' ? provider.timeoutMs : DEFAULT_TIMEOUT_MS;
  const input = JSON.stringify({ protocolVersion: 1, provider: SECRET_PROVIDER, ids: [id] });
  const run = await runProcess(command, args, { env, cwd: dirname(command), input, timeoutMs });
  if (run.spawnError) return { error: run.spawnError.message };
  if (run.timedOut) return { error: `no answer within ${timeoutMs} ms (timeoutMs)` };
  if (run.code !== 0) return { error: `exit ${run.code}${run.stderr.trim() ? `: ${run.stderr.trim().split('\n')[0]}` : ''}` };
  let answer: { values?: Record<string, unknown>; errors?: Record<string, { code?: string }> };
  try {
    answer = JSON.parse(run.stdout) as typeof answer;
  } catch {
    return { error: 'its output is not JSON' };
  }
  const value = answer.values?.[id];
  if (typeof value === 'string') return { value };
  const refused = answer.errors?.[id]?.code;
  return { error: refused ? `${refused} for "${id}"` : `no value for "${id}"` };
}
