// Whether the OpenClaw checks concern this alias at all. A key ollm wrote nowhere (`--write
// none`, or a second alias kept out of OpenClaw) under another alias than OpenClaw's is not OpenClaw's: its checks are skipped with
// that reason, and name the alias OpenClaw does use — never a fix that points OpenClaw away
// from its own key.
import type { Ctx } from '../../../context.ts';
import type { HeldKey } from '../../../keys/held-key.ts';
import { ollmFor } from '../../../keys/way-out.ts';
import { maskKey } from '../../../output/mask.ts';
import { KEY_SERVICE, keyAccount } from '../../../secrets/store.ts';
import type { TargetRecord } from '../../../targets/manifest.ts';
import { openClawOwner } from '../openclaw-owner.ts';
import { skip, type CheckResult } from '../../../doctor/report.ts';
import { guard } from '../../../doctor/runner.ts';

export interface ScopeInput {
  alias: string;
  implicitAlias: string;
  proxyBase: string;
  held: HeldKey | null;
  /** Where ollm wrote this alias's key (the target list). */
  records: TargetRecord[];
  /** The account is in the target list at all (ollm made or took the key here). */
  known: boolean;
  configFile: string;
}

export interface OpenClawScope {
  /** Set when the OpenClaw checks do not apply to this alias. */
  skipReason: string | null;
  /** The alias ollm wrote into OpenClaw's config, when it is another one. */
  owner: string | null;
}

export async function openClawScope(ctx: Ctx, input: ScopeInput): Promise<OpenClawScope> {
  const found = await openClawOwner(ctx, input.configFile, input.proxyBase).catch(() => null);
  const owner = found !== null && found !== input.alias ? found : null;
  const usesOther = owner ? `; OpenClaw uses "${owner}" (\`${ollmFor(owner, input.implicitAlias)('doctor')}\`)` : '';
  // OpenClaw's own alias is always checked: a hand-written config may use it without ollm writing it.
  if (input.alias !== input.implicitAlias && input.held && input.known && input.records.length === 0) {
    return { skipReason: `"${input.alias}" is not written for OpenClaw (kept in the keychain only)${usesOther}.`, owner };
  }
  return { skipReason: null, owner };
}

/** The OpenClaw checks, skipped when out of scope; a wrong key OpenClaw sends is named by its alias. */
export async function scopeCheck(ctx: Ctx, id: string, check: () => Promise<CheckResult>, scope: OpenClawScope, proxyBase: string): Promise<CheckResult> {
  const { skipReason, owner } = scope;
  if (skipReason) return skip(skipReason);
  const result = await guard(check);
  if (id !== 'openclaw-key' || result.status !== 'fail' || !owner) return result;
  const ownerKey = await (await ctx.vault()).find(KEY_SERVICE, keyAccount(owner, proxyBase)).catch(() => null);
  if (!ownerKey || !result.message.includes(maskKey(ownerKey.secret))) return result;
  return { ...result, message: `${result.message} That is the key of "${owner}": ollm wrote "${owner}" for OpenClaw.` };
}
