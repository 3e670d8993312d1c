// The work of OpenCode's doctor checks. OpenCode merges, in order: its global config files, the
// file OPENCODE_CONFIG names, project `opencode.json(c)` files from the git root down to the
// folder it runs in (and `.opencode/` folders), then OPENCODE_CONFIG_CONTENT — a later layer's
// `provider.litellm` wins over ollm's. A key stored with `/connect` for the same provider id in
// auth.json is another source. Each problem comes with its fix.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pointsAtProxy } from '../../../config/proxy-url.ts';
import type { DoctorContext } from '../../../doctor/check.ts';
import { heldLookup, targetRecords } from '../../../doctor/facts.ts';
import { fail, ok, skip, warn, type CheckResult } from '../../../doctor/report.ts';
import { Json5Document } from '../../../edit/json5-document.ts';
import { UserError } from '../../../errors.ts';
import { maskKey } from '../../../output/mask.ts';
import { shellWord } from '../../../output/shell-quote.ts';
import { OpenCodeConfigFile, type LoadedOpenCodeConfig } from '../config-file.ts';
import { envReference, OPENCODE_KEY_VARIABLE, OPENCODE_PROVIDER } from '../styles.ts';
import { isObject } from '../config-edits.ts';
import { resolveOpenCodePaths, type OpenCodePaths } from '../paths.ts';
import { isOpenCodeRecord, type OpenCodeRecord } from '../record.ts';

interface OpenCodeState {
  paths: OpenCodePaths;
  record: OpenCodeRecord | undefined;
  loaded: LoadedOpenCodeConfig | null;
  error: UserError | null;
}

function state(d: DoctorContext): Promise<OpenCodeState> {
  return d.fact('opencode', async () => {
    const record = (await targetRecords(d)).find(isOpenCodeRecord);
    const paths = record ? { ...resolveOpenCodePaths(record.file, d.ctx.env), configSource: 'ollm\'s target list' } : resolveOpenCodePaths(undefined, d.ctx.env);
    try {
      return { paths, record, loaded: await new OpenCodeConfigFile(paths.configFile).load(), error: null };
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return { paths, record, loaded: null, error };
    }
  });
}

function provider(s: OpenCodeState): Record<string, unknown> | undefined {
  const value = s.loaded?.doc.get(['provider', OPENCODE_PROVIDER]);
  return isObject(value) ? value : undefined;
}

export async function runOpenCodeCheck(id: string, d: DoctorContext): Promise<CheckResult> {
  const s = await state(d);
  switch (id) {
    case 'opencode-config': return checkConfig(s, d);
    case 'opencode-provider': return checkProvider(s, d);
    case 'opencode-layers': return checkLayers(s, d);
    case 'opencode-login': return checkLogin(s, d);
    case 'opencode-env': return checkEnv(s, d);
    default: throw new Error(`unknown OpenCode check ${id}`);
  }
}

function checkConfig(s: OpenCodeState, d: DoctorContext): CheckResult {
  if (s.error) return fail(s.error.message, `\${EDITOR:-vi} ${shellWord(s.paths.configFile)}`);
  if (s.loaded?.original === null) return fail(`No OpenCode config at ${s.paths.configFile} (${s.paths.configSource}), so OpenCode does not know the proxy.`, d.fixes.ollm('key write', '--for opencode', '--write opencode'));
  return ok(`${s.paths.configFile} (${s.paths.configSource}) parses as JSONC.`);
}

async function checkProvider(s: OpenCodeState, d: DoctorContext): Promise<CheckResult> {
  if (!s.loaded || s.loaded.original === null) return skip('The OpenCode config could not be read (see above).');
  const entry = provider(s);
  const rewrite = d.fixes.ollm('key write', '--for opencode', '--write opencode');
  if (!entry) return fail(`${s.paths.configFile} has no provider.${OPENCODE_PROVIDER}.`, rewrite);
  const options = isObject(entry.options) ? entry.options : {};
  const { baseURL, apiKey } = options;
  if (typeof baseURL !== 'string' || !pointsAtProxy(baseURL, d.proxy.base)) return fail(`provider.${OPENCODE_PROVIDER}.options.baseURL is ${JSON.stringify(baseURL ?? null)}, not ${d.proxy.base}/v1.`, rewrite);
  const reference = envReference(OPENCODE_KEY_VARIABLE);
  if (apiKey === reference) return ok(`provider.${OPENCODE_PROVIDER} sends the proxy's /v1 the key in ${OPENCODE_KEY_VARIABLE} ({env:} reference).`);
  if (typeof apiKey !== 'string' || apiKey === '') return fail(`provider.${OPENCODE_PROVIDER} has no options.apiKey, so OpenCode sends no key.`, rewrite);
  const { held } = await heldLookup(d);
  if (held && apiKey === held.secret) return ok(`provider.${OPENCODE_PROVIDER} holds the stored key ${maskKey(held.secret)} in the file (the file style).`);
  if (/\{(env|file):/.test(apiKey)) return warn(`provider.${OPENCODE_PROVIDER}.options.apiKey is ${JSON.stringify(apiKey)}, not ollm's ${reference}.`, rewrite);
  return fail(`provider.${OPENCODE_PROVIDER}.options.apiKey holds a key (${maskKey(apiKey)}) that is not the stored one.`, rewrite);
}

/** The layers OpenCode merges over the file ollm wrote, and whether each sets the litellm provider. */
async function checkLayers(s: OpenCodeState, d: DoctorContext): Promise<CheckResult> {
  const env = d.ctx.env;
  const over: string[] = [];
  const fixes: string[] = [];
  const written = resolve(s.paths.configFile);
  if (env.OPENCODE_CONFIG && resolve(env.OPENCODE_CONFIG) !== written && await setsProvider(env.OPENCODE_CONFIG)) {
    over.push(`OPENCODE_CONFIG (${env.OPENCODE_CONFIG})`);
    fixes.push(`unset OPENCODE_CONFIG (or ${d.fixes.ollm('key write', '--for opencode', `--opencode-config ${shellWord(env.OPENCODE_CONFIG)}`)})`);
  }
  const here = env.PWD || resolve('.');
  for (const file of ['opencode.json', 'opencode.jsonc', join('.opencode', 'opencode.json'), join('.opencode', 'opencode.jsonc')].map((f) => join(here, f))) {
    if (resolve(file) !== written && await setsProvider(file)) {
      over.push(`the project file ${file}`);
      fixes.push(`remove provider.${OPENCODE_PROVIDER} from ${shellWord(file)}`);
    }
  }
  if (env.OPENCODE_CONFIG_CONTENT !== undefined && setsProviderIn(env.OPENCODE_CONFIG_CONTENT)) {
    over.push('OPENCODE_CONFIG_CONTENT');
    fixes.push('unset OPENCODE_CONFIG_CONTENT');
  }
  if (over.length === 0) return ok(`No OPENCODE_CONFIG, OPENCODE_CONFIG_CONTENT or project opencode.json here sets provider.${OPENCODE_PROVIDER} over ${s.paths.configFile}.`);
  return warn(`${over.join(', ')} set${over.length === 1 ? 's' : ''} provider.${OPENCODE_PROVIDER} too, and OpenCode lets ${over.length === 1 ? 'it' : 'them'} win over ${s.paths.configFile}.`, fixes.join('; '));
}

async function setsProvider(file: string): Promise<boolean> {
  const text = await readFile(file, 'utf8').catch(() => null);
  return text !== null && setsProviderIn(text);
}

function setsProviderIn(text: string): boolean {
  try {
    return Json5Document.parse(text, 'layer').get(['provider', OPENCODE_PROVIDER]) !== undefined;
  } catch {
    return false;
  }
}

/** `/connect` keeps keys by provider id in auth.json; one for `litellm` is a second key for the same provider. */
async function checkLogin(s: OpenCodeState, d: DoctorContext): Promise<CheckResult> {
  const text = await readFile(s.paths.authFile, 'utf8').catch(() => null);
  if (text === null) return ok(`No key stored with /connect (${s.paths.authFile} does not exist).`);
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return warn(`${s.paths.authFile} is not JSON, so ollm cannot tell whether it holds a key for provider ${OPENCODE_PROVIDER}.`, null);
  }
  const entry = isObject(stored) ? stored[OPENCODE_PROVIDER] : undefined;
  if (entry === undefined) return ok(`${s.paths.authFile} holds no key for provider ${OPENCODE_PROVIDER}.`);
  const { held } = await heldLookup(d);
  const key = isObject(entry) && typeof entry.key === 'string' ? entry.key : undefined;
  // OpenCode 1.18 sends the config's options.apiKey over such a login (even an empty one; checked
  // in test/e2e/opencode-config.test.ts), so it only matters once ollm's apiKey is gone (revoke).
  const what = held && key === held.secret ? 'the stored key' : `another key${key ? ` (${maskKey(key)})` : ''}`;
  return warn(`${s.paths.authFile} holds ${what} for provider ${OPENCODE_PROVIDER} in plaintext (a /connect login); OpenCode sends the config's apiKey instead while it has one, but rotation and revoke leave this copy.`, `opencode auth logout ${OPENCODE_PROVIDER}`);
}

async function checkEnv(s: OpenCodeState, d: DoctorContext): Promise<CheckResult> {
  const apiKey = isObject(provider(s)?.options) ? (provider(s)!.options as Record<string, unknown>).apiKey : undefined;
  if (apiKey !== envReference(OPENCODE_KEY_VARIABLE)) return skip(`OpenCode's config does not read the key from ${OPENCODE_KEY_VARIABLE}.`);
  const value = d.ctx.env[OPENCODE_KEY_VARIABLE];
  const start = `ollm exec --for opencode${d.alias === 'opencode' ? '' : ` --alias ${d.alias}`} -- opencode`;
  if (!value) return warn(`${OPENCODE_KEY_VARIABLE} is not set in this shell: OpenCode started from here sends no key (OpenCode reads it at start).`, `${start}   # or: eval "$(ollm env --for opencode${d.alias === 'opencode' ? '' : ` --alias ${d.alias}`})"`);
  const { held } = await heldLookup(d);
  if (held && value !== held.secret) return fail(`${OPENCODE_KEY_VARIABLE} in this shell holds another key (${maskKey(value)}), not the stored ${maskKey(held.secret)} (an old key after a rotation?).`, `${start}   # or restart the shell whose profile sets it`);
  return ok(`${OPENCODE_KEY_VARIABLE} is set in this shell to the stored key.`);
}
