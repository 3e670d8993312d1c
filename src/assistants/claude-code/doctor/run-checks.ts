// The doctor's checks of Claude Code: its settings point at the proxy, the key the proxy will really
// get, and the helper run as Claude Code runs it, its answer checked against the proxy.
//
// Which key that is, as observed with the real Claude Code 2.1.332 (test/e2e/claude-code-precedence):
// it sends `Authorization: Bearer` from ANTHROPIC_AUTH_TOKEN, else from apiKeyHelper, and
// `x-api-key` from ANTHROPIC_API_KEY, else from apiKeyHelper; each variable from the nearest
// settings file's `env` (local > project > user), else the shell. LiteLLM reads the Authorization
// header first and x-api-key only without one. So: ANTHROPIC_AUTH_TOKEN > apiKeyHelper >
// ANTHROPIC_API_KEY > a claude.ai login.
import { pointsAtProxy } from '../../../config/proxy-url.ts';
import type { DoctorContext } from '../../../doctor/check.ts';
import { heldLookup } from '../../../doctor/facts.ts';
import { fail, ok, skip, warn, type CheckResult } from '../../../doctor/report.ts';
import { UserError } from '../../../errors.ts';
import { maskKey } from '../../../output/mask.ts';
import { shellWord } from '../../../output/shell-quote.ts';
import { isOllmHelper } from '../helper-command.ts';
import { API_KEY_VARIABLE, BASE_URL_VARIABLE, TOKEN_VARIABLE } from '../styles.ts';
import { claudeState, type ClaudeState, type Origin } from './claude-state.ts';
import { runHelperAsClaudeCode } from './helper-run.ts';

export async function runClaudeCodeCheck(id: string, d: DoctorContext): Promise<CheckResult> {
  const state = await claudeState(d);
  switch (id) {
    case 'claude-settings': return checkSettings(d, state);
    case 'claude-key': return checkKeySent(d, state);
    case 'claude-helper': return checkHelper(d, state);
    default: throw new Error(`unknown Claude Code check ${id}`);
  }
}

function rewrite(d: DoctorContext, ...flags: string[]): string {
  return d.fixes.ollm('key write', '--for claude-code', ...flags);
}

/** How to get rid of a value that wins over ollm's: unset it in the shell, or take it out of its file. */
function removeFix(origin: Origin, name: string): string {
  if (!origin.file) return `unset ${name}`;
  return `\${EDITOR:-vi} ${shellWord(origin.file)}  # remove ${name === 'apiKeyHelper' ? 'apiKeyHelper' : `env.${name}`}`;
}

function checkSettings(d: DoctorContext, state: ClaudeState): CheckResult {
  const broken = state.sources.find((s) => s.error);
  if (broken) return fail(`Claude Code's ${broken.label} ${broken.file} is not a JSON object (${broken.error}); Claude Code ignores it.`, `\${EDITOR:-vi} ${shellWord(broken.file)}`);
  const { settingsFile, configSource } = state.paths;
  const chosen = configSource === 'the default' ? 'the default path' : `chosen by ${configSource}`;
  if (state.recorded && state.recorded.file !== settingsFile) {
    return warn(`ollm wrote the key to ${state.recorded.file}, but Claude Code reads ${settingsFile} (${chosen}).`, rewrite(d, `--claude-config ${shellWord(state.paths.configDir)}`));
  }
  const base = state.env(BASE_URL_VARIABLE);
  if (!base) return fail(`Nothing sets ${BASE_URL_VARIABLE} (${settingsFile}, ${chosen}, has none), so Claude Code talks to Anthropic, not the proxy.`, rewrite(d));
  if (!pointsAtProxy(base.value.replace(/\/+$/, ''), d.proxy.base)) {
    const ours = base.file === settingsFile;
    return fail(`${base.from} is ${base.value}, not the proxy ${d.proxy.base}.`, ours ? rewrite(d) : removeFix(base, BASE_URL_VARIABLE));
  }
  return ok(`${base.from} points at the proxy.`);
}

/** The key the proxy takes from what Claude Code sends (see the top of this file). */
function effectiveCredential(state: ClaudeState): { kind: 'static'; name: string; origin: Origin } | { kind: 'helper'; origin: Origin } | { kind: 'login' } | null {
  const token = state.env(TOKEN_VARIABLE);
  if (token) return { kind: 'static', name: TOKEN_VARIABLE, origin: token };
  if (state.apiKeyHelper) return { kind: 'helper', origin: state.apiKeyHelper };
  const apiKey = state.env(API_KEY_VARIABLE);
  if (apiKey) return { kind: 'static', name: API_KEY_VARIABLE, origin: apiKey };
  return state.loggedIn ? { kind: 'login' } : null;
}

async function checkKeySent(d: DoctorContext, state: ClaudeState): Promise<CheckResult> {
  const { held } = await heldLookup(d);
  const sent = effectiveCredential(state);
  if (!sent) return fail('Claude Code has no key for the proxy: no apiKeyHelper, no ANTHROPIC_AUTH_TOKEN, no ANTHROPIC_API_KEY.', rewrite(d));
  if (sent.kind === 'login') return fail(`Claude Code would send your claude.ai login (${state.paths.credentialsFile}) to the proxy, not a proxy key.`, rewrite(d));
  if (sent.kind === 'helper') {
    if (!isOllmHelper(sent.origin.value, d.ctx.paths.stateDir)) {
      return warn(`Claude Code runs ${sent.origin.from}, which is not ollm's helper: ${JSON.stringify(sent.origin.value)}.`, sent.origin.file === state.paths.settingsFile ? rewrite(d) : removeFix(sent.origin, 'apiKeyHelper'));
    }
    // The proxy goes by the helper's Authorization header, but it is sent this other key too.
    const apiKey = state.env(API_KEY_VARIABLE);
    if (apiKey && apiKey.value !== held?.secret) {
      return warn(`Claude Code runs ollm's helper (${sent.origin.from}), and also sends ${maskKey(apiKey.value)} from ${apiKey.from} as x-api-key: LiteLLM uses the helper's key, but that key reaches the proxy too.`, removeFix(apiKey, API_KEY_VARIABLE));
    }
    return ok(`Claude Code runs ollm's helper (${sent.origin.from}); what it prints is checked below.`);
  }
  const masked = maskKey(sent.origin.value);
  const shadowsHelper = state.apiKeyHelper ? ` It wins over ${state.apiKeyHelper.from}.` : '';
  if (held && sent.origin.value === held.secret) return ok(`Claude Code sends the stored key ${masked} (${sent.origin.from}).${shadowsHelper}`);
  const fix = sent.origin.file === state.paths.settingsFile && state.recorded?.style === 'file' ? rewrite(d) : removeFix(sent.origin, sent.name);
  return fail(`Claude Code sends ${masked} from ${sent.origin.from}, ${held ? `not the stored key ${maskKey(held.secret)}` : 'and ollm holds no key here to compare'}.${shadowsHelper}`, fix);
}

async function checkHelper(d: DoctorContext, state: ClaudeState): Promise<CheckResult> {
  const helper = state.apiKeyHelper;
  if (!helper) return skip('Not used: no settings file sets apiKeyHelper.');
  const sent = effectiveCredential(state);
  if (sent?.kind === 'static') return skip(`Not used: ${sent.origin.from} wins over apiKeyHelper (see above).`);
  const { held } = await heldLookup(d);
  const run = await runHelperAsClaudeCode(helper.value, d.ctx.env);
  if (run.error) return fail(`${helper.from}, run with /bin/sh -c as Claude Code runs it, failed: ${run.error}.`, rewrite(d));
  const printed = run.key!;
  if (held && printed !== held.secret) return fail(`${helper.from} prints ${maskKey(printed)}, not the stored key ${maskKey(held.secret)}.`, rewrite(d));
  try {
    await d.client.listModels({ secret: printed, kind: 'virtual' });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return fail(`${helper.from} prints ${maskKey(printed)}, which the proxy refuses: ${error.message}`, d.fixes.ollm('key info'));
  }
  return ok(`Run with /bin/sh -c and a bare environment, as Claude Code runs it, it prints ${maskKey(printed)}${held ? ', the stored key,' : ''} and the proxy accepts it.`);
}
