// What several doctor checks read, each worked out once per run (DoctorContext.fact): the held
// key, ollm's record of where it went, the master key, the stored key's record, the journal.
import { readJournal, type RotationJournal } from '../rotation/journal.ts';
import type { TargetRecord } from '../targets/manifest.ts';
import type { DoctorContext } from './check.ts';
import { lookUpHeldKey, type HeldLookup } from './keychain-check.ts';
import { checkMasterKey, checkProxy, checkStoredKey, type MasterOutcome, type StoredKeyOutcome } from './proxy-checks.ts';
import { skip, type CheckResult } from './report.ts';

const PROXY_DOWN = 'The proxy is not reachable (see above).';

export const heldLookup = (d: DoctorContext): Promise<HeldLookup> => d.fact('held', () => lookUpHeldKey(d.ctx, d.alias));

export const holdsKey = (d: DoctorContext): Promise<boolean> => heldLookup(d).then((l) => l.held !== null);

/** Where ollm wrote this key (none when the list cannot be read: its own check says so elsewhere). */
export const targetRecords = (d: DoctorContext): Promise<TargetRecord[]> =>
  d.fact('records', () => d.ctx.manifest().then((m) => m.targetsOf(d.account)).catch((): TargetRecord[] => []));

/** The account is in the target list at all (ollm made or took the key here). */
export const knownAccount = (d: DoctorContext): Promise<boolean> =>
  d.fact('known', () => d.ctx.manifest().then((m) => m.accounts()).then((a) => a.includes(d.account), () => false));

export const proxyResult = (d: DoctorContext): Promise<CheckResult> => d.fact('proxy', () => checkProxy(d.client, d.proxy));

const proxyUp = (d: DoctorContext) => proxyResult(d).then((r) => r.status !== 'fail');

export const masterKey = (d: DoctorContext): Promise<MasterOutcome> => d.fact('master', async () => (
  await proxyUp(d) ? checkMasterKey(d.ctx, d.client) : { master: null, result: skip(PROXY_DOWN) }
));

export const storedKey = (d: DoctorContext): Promise<StoredKeyOutcome> => d.fact('stored', async () => {
  const [up, { held, error }, { master }] = await Promise.all([proxyUp(d), heldLookup(d), masterKey(d)]);
  if (!up) return { result: skip(PROXY_DOWN), record: null, token: null };
  if (error) return { result: skip(`The key could not be looked up: ${error.message}`), record: null, token: null };
  return checkStoredKey({ client: d.client, proxy: d.proxy, alias: d.alias, held, master, now: d.now, fixes: d.fixes });
});

export const interruptedRotation = (d: DoctorContext): Promise<RotationJournal | null> =>
  d.fact('journal', () => readJournal(d.ctx.paths.stateDir, d.account).catch(() => null));

export { PROXY_DOWN };
