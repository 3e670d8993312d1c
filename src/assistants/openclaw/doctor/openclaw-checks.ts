// The doctor's checks of OpenClaw's config: found and parsed, accepted by OpenClaw, pointing at
// the proxy, free of the legacy flat `env` form and of `${VAR}`s nothing sets.
import { pointsAtProxy, type ProxyUrl } from '../../../config/proxy-url.ts';
import { defaultModelOf } from '../default-model-slot.ts';
import type { OpenClawCli } from '../openclaw-cli.ts';
import { styleVariable } from '../styles.ts';
import { configShapeProblems } from './config-shape.ts';
import { findVariableRefs, resolveVariable, substitute } from './env-sources.ts';
import type { Fixes } from '../../../doctor/fixes.ts';
import { shellWord } from '../../../output/shell-quote.ts';
import { isObject, providerBlock, providerName, recordedElsewhere, type OpenClawState } from './openclaw-state.ts';
import { fail, ok, skip, warn, type CheckResult } from '../../../doctor/report.ts';

/** The config was read and exists: the checks that need its content can run. */
export function configUsable(state: OpenClawState): boolean {
  return state.loaded !== null && state.loaded.original !== null;
}

export function unusableReason(state: OpenClawState): string {
  return state.error ? 'The OpenClaw config could not be read (see above).' : `There is no OpenClaw config at ${state.paths.configFile}.`;
}

function editFix(file: string, line?: number): string {
  return `\${EDITOR:-vi} ${line ? `+${line} ` : ''}${shellWord(file)}`;
}

export function checkConfigFound(state: OpenClawState, fixes: Fixes, holdsKey: boolean): CheckResult {
  const { configFile, configSource } = state.paths;
  if (state.error) {
    const line = /at line (\d+)/.exec(state.error.message)?.[1];
    return fail(state.error.message, line ? editFix(configFile, Number(line)) : state.error.hint ?? null);
  }
  const chosen = configSource === 'the default' ? 'the default path' : `chosen by ${configSource}`;
  if (!configUsable(state)) {
    return fail(`No OpenClaw config at ${configFile} (${chosen}), so OpenClaw does not know the proxy.`,
      holdsKey ? fixes.ollm('key write', '--write openclaw') : fixes.ollm('key create'));
  }
  if (recordedElsewhere(state)) {
    return warn(`ollm wrote the key to ${state.recorded!.file}, but OpenClaw reads ${configFile} (${chosen}).`,
      fixes.ollm('key write', '--write openclaw', `--openclaw-config ${shellWord(configFile)}`));
  }
  return ok(`${configFile} (${chosen}) parses as JSON5.`);
}

/** `openclaw config validate` when it is installed; else ollm's checks of the sections it uses. */
export async function checkConfigValid(state: OpenClawState, cli: OpenClawCli | null): Promise<CheckResult> {
  if (!configUsable(state)) return skip(unusableReason(state));
  const file = state.paths.configFile;
  const legacy = state.legacyEnv;
  const apart = legacy.length ? ' apart from the legacy env keys (below)' : '';
  const problems = (cli ? await cli.validateConfig(file) : configShapeProblems(state.config)).filter((p) => !isLegacyEnvProblem(p, legacy));
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
  if (cli) {
    if (problems.length === 0) return ok(`\`openclaw config validate\` accepts it${apart}.`);
    return fail(`OpenClaw rejects it, and then refuses to run: ${problems.slice(0, 3).join('; ')}${more}.`, editFix(file));
  }
  if (problems.length === 0) return ok(`The sections ollm uses match OpenClaw 2026.9's schema${apart} (openclaw is not on PATH, so OpenClaw's own check did not run).`);
  return fail(`OpenClaw 2026.9 would reject it: ${problems.slice(0, 3).join('; ')}${more}.`, editFix(file));
}

// `env: Unrecognized key(s): "A", "B"` caused only by the legacy keys is reported by their own check.
function isLegacyEnvProblem(problem: string, legacy: string[]): boolean {
  const match = /^env: Unrecognized keys?: (.*)$/.exec(problem);
  const names = match ? [...match[1]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!) : [];
  return names.length > 0 && names.every((name) => legacy.includes(name));
}

export function checkLegacyEnv(state: OpenClawState, fixes: Fixes, holdsKey: boolean): CheckResult {
  if (!configUsable(state)) return skip(unusableReason(state));
  if (state.legacyEnv.length === 0) return ok('No legacy flat env keys (variables are under env.vars).');
  const names = state.legacyEnv.map((name) => `env.${name}`).join(', ');
  // `key write` moves them into env.vars as it writes; without a key here, OpenClaw's own doctor does.
  return fail(`${names} ${state.legacyEnv.length === 1 ? 'uses' : 'use'} the legacy flat form, which OpenClaw 2026.9 rejects (it then refuses to run).`,
    holdsKey ? fixes.ollm('key write', '--write openclaw') : 'openclaw doctor --fix');
}

/**
 * `${VAR}`s nothing sets. OpenClaw 2026.9 does not stop at them: it warns and leaves the text
 * as written. Verified (test/e2e): `infer` then refuses to run, while an agent turn sends
 * `Authorization: Bearer ${LITELLM_API_KEY}` literally and gets a 401.
 */
export function checkEnvRefs(state: OpenClawState, fixes: Fixes, holdsKey: boolean): CheckResult {
  if (!configUsable(state)) return skip(unusableReason(state));
  const refs = findVariableRefs(state.config);
  const unset = refs.filter((ref) => resolveVariable(ref.name, state.env) === null);
  if (unset.length === 0) {
    const names = [...new Set(refs.map((r) => r.name))];
    return ok(names.length ? `Every \${VAR} the config uses is set (${names.join(', ')}).` : 'The config uses no ${VAR} references.');
  }
  const env = state.config.env;
  const shellImport = (isObject(env) && isObject(env.shellEnv) && env.shellEnv.enabled === true) || state.env.processEnv.OPENCLAW_LOAD_SHELL_ENV === '1';
  const looked = `this shell's environment, ${state.env.dotenvFile}, env.vars`;
  const first = unset[0]!;
  const others = unset.length > 1 ? ` (and ${unset.slice(1).map((r) => `\${${r.name}} at ${r.path}`).join(', ')})` : '';
  const credential = unset.some((r) => r.path.startsWith('models.providers.'));
  const effect = credential
    ? `OpenClaw only warns and keeps the text: \`openclaw infer\` then refuses to run, and agent turns send "\${${first.name}}" itself as the key (the proxy answers 401)`
    : 'OpenClaw only warns and keeps the text as written; what uses it will not work';
  const message = `${first.path} uses \${${first.name}}${others}, set nowhere OpenClaw looks (${looked}): ${effect}.`;
  const keyVariable = state.style && state.style !== 'keychain' ? styleVariable(state.style) : null;
  const fix = [...new Set(unset.map((r) => r.name))]
    .map((name) => (name === keyVariable && holdsKey ? fixes.ollm('key write', '--write openclaw') : `echo '${name}=<value>' >> ${shellWord(state.env.dotenvFile)}`))
    .join(' && ');
  // The login-shell import may still supply it, but only to a shell-started OpenClaw: a warning.
  if (shellImport) return warn(`${message} (env.shellEnv may import it from your login shell.)`, fix);
  return credential ? fail(message, fix) : warn(message, fix);
}

/** The provider OpenClaw uses for the key must point at this proxy, and be the default model's. */
export function checkProvider(state: OpenClawState, proxy: ProxyUrl, fixes: Fixes): CheckResult {
  if (!configUsable(state)) return skip(unusableReason(state));
  const rewrite = fixes.ollm('key write', '--write openclaw');
  if (!state.style) return fail('OpenClaw\'s config has no provider for the proxy (no models.providers.litellm, nor models.providers.anthropic with a baseUrl).', rewrite);
  const name = providerName(state.style);
  const block = providerBlock(state.config, name);
  if (!block) return fail(`OpenClaw's config has no models.providers.${name}, where ollm put the key (${state.style} style).`, rewrite);
  if (typeof block.baseUrl !== 'string') return fail(`models.providers.${name} has no baseUrl, so OpenClaw sends requests to its built-in endpoint, not the proxy.`, rewrite);
  const baseUrl = substitute(block.baseUrl, state.env).replace(/\/+$/, '');
  if (!pointsAtProxy(baseUrl, proxy.base)) {
    return fail(`models.providers.${name}.baseUrl is ${baseUrl}, not the proxy ${proxy.base}.`, rewrite);
  }
  const primary = defaultModelOf(state.config);
  if (!primary?.startsWith(`${name}/`)) {
    const models = Array.isArray(block.models) ? block.models : [];
    const id = models.map((m) => (isObject(m) && typeof m.id === 'string' ? m.id : undefined)).find(Boolean);
    const now = primary ? `is ${primary}` : 'is not set';
    return warn(`models.providers.${name} points at ${proxy.base}, but OpenClaw's default model ${now}: only ${name}/… models go through the proxy.`,
      fixes.ollm('key write', '--write openclaw', `--default-model ${id ? shellWord(id) : '<model>'}`));
  }
  return ok(`models.providers.${name} points at ${block.baseUrl === baseUrl ? baseUrl : `${baseUrl} (${block.baseUrl})`}; the default model is ${primary}.`);
}

