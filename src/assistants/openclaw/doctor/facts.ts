// What OpenClaw's doctor checks share, worked out once per run: its config as OpenClaw reads it,
// its CLI, the auth profiles it stores, and whether its checks concern this alias at all.
import type { DoctorContext } from '../../../doctor/check.ts';
import { heldLookup, knownAccount, targetRecords } from '../../../doctor/facts.ts';
import { findOpenClaw, type OpenClawCli } from '../openclaw-cli.ts';
import type { ProfileReading } from './effective-key.ts';
import { configUsable } from './openclaw-checks.ts';
import { openClawScope, type OpenClawScope } from './openclaw-scope.ts';
import { loadOpenClawState, providerName, type OpenClawState } from './openclaw-state.ts';

export const openClawState = (d: DoctorContext): Promise<OpenClawState> =>
  d.fact('openclaw-state', async () => loadOpenClawState(d.ctx, await targetRecords(d)));

/** The installed openclaw, pointed at the config OpenClaw reads (its profiles and checks are per config). */
export const openClawCli = (d: DoctorContext): Promise<OpenClawCli | null> =>
  d.fact('openclaw-cli', async () => findOpenClaw({ ...d.ctx.env, OPENCLAW_CONFIG_PATH: (await openClawState(d)).paths.configFile }));

export const storedProfiles = (d: DoctorContext): Promise<ProfileReading> => d.fact('openclaw-profiles', async () => {
  const [state, cli] = await Promise.all([openClawState(d), openClawCli(d)]);
  if (!cli) return { kind: 'no-openclaw' };
  if (!configUsable(state) || !state.style) return { kind: 'read', profiles: [] };
  const keys = await cli.profileKeys(providerName(state.style));
  return keys ? { kind: 'read', profiles: keys } : { kind: 'failed' };
});

export const scope = (d: DoctorContext): Promise<OpenClawScope> => d.fact('openclaw-scope', async () => {
  const [lookup, records, state, known] = await Promise.all([heldLookup(d), targetRecords(d), openClawState(d), knownAccount(d)]);
  return openClawScope(d.ctx, {
    alias: d.alias, implicitAlias: d.implicitAlias, proxyBase: d.proxy.base, held: lookup.held, records, known, configFile: state.paths.configFile,
  });
});
