// `runDoctor`: every check of the setup, independent ones at the same time (the openclaw CLI
// takes seconds per call), each depending only on what it needs; one that cannot run because an
// earlier one failed is skipped with the reason, never failed twice.
import type { Ctx } from '../context.ts';
import { UserError } from '../errors.ts';
import { DEFAULT_ALIAS, defaultAlias } from '../keys/alias.ts';
import { findOpenClaw } from '../openclaw/openclaw-cli.ts';
import { keyAccount } from '../secrets/store.ts';
import type { TargetRecord } from '../targets/manifest.ts';
import { checkEffectiveKey, type ProfileReading } from './effective-key.ts';
import { checkExecProvider } from './exec-provider.ts';
import { checkFileModes, modeSubjects } from './file-modes.ts';
import { Fixes } from './fixes.ts';
import { checkKeychain, lookUpHeldKey } from './keychain-check.ts';
import { checkConfigFound, checkConfigValid, checkEnvRefs, checkLegacyEnv, checkProvider, configUsable } from './openclaw-checks.ts';
import { loadOpenClawState, providerName } from './openclaw-state.ts';
import { checkProfileBlocks } from './profile-check.ts';
import { checkBudget, checkMasterKey, checkProxy, checkStoredKey } from './proxy-checks.ts';
import { OPENCLAW_CHECKS, openClawScope, scopeCheck } from './openclaw-scope.ts';
import { readJournal } from '../rotation/journal.ts';
import { withInterruptedRotation } from './rotation-journal-check.ts';
import { CHECK_IDS, skip, type CheckId, type CheckResult, type DoctorCheck, type DoctorReport } from './report.ts';

export interface DoctorOptions {
  alias: string;
  /** Called as each check finishes (for a spinner). */
  onProgress?: (done: number, total: number) => void;
}

export async function runDoctor(ctx: Ctx, options: DoctorOptions): Promise<DoctorReport> {
  const { alias } = options;
  const proxy = await ctx.proxy();
  const account = keyAccount(alias, proxy.base);
  // A config file that cannot be read is a check's business, not a reason to stop here.
  const implicitAlias = await defaultAlias(ctx).catch(() => DEFAULT_ALIAS);
  const fixes = new Fixes(alias, implicitAlias, proxy.base);
  const now = ctx.now();
  let done = 0;
  const settle = (promise: Promise<CheckResult>): Promise<CheckResult> => promise.then((result) => {
    options.onProgress?.(++done, CHECK_IDS.length);
    return result;
  });

  // Started at once: the proxy, the keychain, ollm's record of targets, OpenClaw's files and CLI.
  const client = await ctx.litellm();
  const proxyCheck = checkProxy(client, proxy);
  const lookup = lookUpHeldKey(ctx, alias);
  const records = ctx.manifest().then((m) => m.targetsOf(account)).catch((): TargetRecord[] => []);
  const state = records.then((r) => loadOpenClawState(ctx, r));
  const cli = state.then((s) => findOpenClaw({ ...ctx.env, OPENCLAW_CONFIG_PATH: s.paths.configFile }));

  const proxyUp = proxyCheck.then((r) => r.status !== 'fail');
  const master = proxyUp.then((up) => (up ? checkMasterKey(ctx, client) : { master: null, result: skip('The proxy is not reachable (see above).') }));
  const stored = Promise.all([proxyUp, lookup, master]).then(([up, { held, error }, { master: admin }]) => {
    if (!up) return { result: skip('The proxy is not reachable (see above).'), record: null, token: null };
    if (error) return { result: skip(`The key could not be looked up: ${error.message}`), record: null, token: null };
    return checkStoredKey({ client, proxy, alias, held, master: admin, now, fixes });
  });
  const holdsKey = lookup.then((l) => l.held !== null);
  const journal = readJournal(ctx.paths.stateDir, account).catch(() => null);
  const usable = state.then(configUsable);

  // The two openclaw calls (seconds each) run side by side.
  const valid = Promise.all([state, cli]).then(([s, c]) => checkConfigValid(s, c));
  const profiles: Promise<ProfileReading> = Promise.all([state, cli, usable]).then(async ([s, c, ok]) => {
    if (!c) return { kind: 'no-openclaw' };
    if (!ok || !s.style) return { kind: 'read', profiles: [] };
    const keys = await c.profileKeys(providerName(s.style));
    return keys ? { kind: 'read', profiles: keys } : { kind: 'failed' };
  });

  const checks: Record<CheckId, Promise<CheckResult>> = {
    'proxy': settle(proxyCheck),
    'master-key': settle(master.then((m) => m.result)),
    'stored-key': settle(Promise.all([stored, journal]).then(([s, j]) => withInterruptedRotation(s.result, j, fixes.ollm('key rotate', '--resume')))),
    'budget': settle(stored.then((s) => (s.result.status === 'skip' ? skip(s.result.message) : checkBudget(s.record, s.token, now, fixes)))),
    'keychain': settle(lookup.then((l) => checkKeychain(ctx, l))),
    'openclaw-config': settle(Promise.all([state, holdsKey]).then(([s, h]) => checkConfigFound(s, fixes, h))),
    'openclaw-valid': settle(valid),
    'openclaw-provider': settle(state.then((s) => checkProvider(s, proxy, fixes))),
    'openclaw-key': settle(Promise.all([state, lookup, profiles]).then(([s, l, p]) => checkEffectiveKey({ state: s, held: l.held, heldError: l.error?.message ?? null, profiles: p, fixes }))),
    'legacy-env': settle(Promise.all([state, holdsKey]).then(([s, h]) => checkLegacyEnv(s, fixes, h))),
    'env-refs': settle(Promise.all([state, holdsKey]).then(([s, h]) => checkEnvRefs(s, fixes, h))),
    'profile-block': settle(Promise.all([records, lookup]).then(([r, l]) => checkProfileBlocks(r, account, l.held, fixes))),
    'file-modes': settle(Promise.all([state, records]).then(([s, r]) => checkFileModes(modeSubjects({
      configFile: s.loaded?.target ?? s.paths.configFile, openclawDir: s.paths.stateDir, dotenvFile: s.env.dotenvFile, stateDir: ctx.paths.stateDir,
      insecureFile: ctx.paths.insecureStoreFile, manifestFile: ctx.paths.manifestFile, records: r,
    })))),
    'exec-provider': settle(Promise.all([state, lookup]).then(([s, l]) => checkExecProvider(s, l.held, fixes))),
  };

  // A key written nowhere is not OpenClaw's: its OpenClaw checks are skipped, naming the alias that is.
  const known = ctx.manifest().then((m) => m.accounts()).then((a) => a.includes(account), () => false);
  const scope = Promise.all([lookup, records, state, known]).then(([l, r, s, k]) => openClawScope(ctx, {
    alias, implicitAlias, proxyBase: proxy.base, held: l.held, records: r, known: k, configFile: s.paths.configFile,
  }));
  for (const id of OPENCLAW_CHECKS) checks[id] = scopeCheck(ctx, id, guard(checks[id]), scope, proxy.base);

  // Handlers go on every check at once, so none rejects unobserved while an earlier one is awaited.
  const settled = await Promise.all(CHECK_IDS.map((id) => guard(checks[id])));
  const results: DoctorCheck[] = CHECK_IDS.map((id, i) => ({ id, ...settled[i]! }));
  return { ok: results.every((c) => c.status !== 'fail'), checks: results, proxyUrl: proxy.base, alias };
}

// A check that throws a UserError (a file it could not read, say) is that check's failure, not the doctor's.
async function guard(check: Promise<CheckResult>): Promise<CheckResult> {
  try {
    return await check;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { status: 'fail', message: error.message, fix: error.hint ?? null };
  }
}
