// The key must be allowed OpenClaw's default model: a key whose `models` leave it out gets 401 on
// every request OpenClaw makes with it, while the key itself looks fine (issue 23 item 6).
import type { KeyRecord } from '../../../litellm/schemas.ts';
import type { Fixes } from '../../../doctor/fixes.ts';
import { fail, ok, skip, type CheckResult } from '../../../doctor/report.ts';
import { shellWord } from '../../../output/shell-quote.ts';
import { defaultModelOf } from '../default-model-slot.ts';
import { keyAllowsModel } from '../default-model.ts';
import { configUsable, unusableReason } from './openclaw-checks.ts';
import { providerName, type OpenClawState } from './openclaw-state.ts';

export function checkDefaultModelAllowed(state: OpenClawState, record: KeyRecord | null, fixes: Fixes): CheckResult {
  if (!configUsable(state)) return skip(unusableReason(state));
  if (!state.style) return skip('OpenClaw\'s config has no provider for the proxy (see Provider).');
  const primary = defaultModelOf(state.config);
  const prefix = `${providerName(state.style)}/`;
  // A default through another provider does not use this key: the provider check says so.
  if (!primary?.startsWith(prefix)) return skip(`OpenClaw's default model does not go through the proxy (see Provider).`);
  if (!record) return skip('The key\'s record could not be read (see the stored key).');
  const model = primary.slice(prefix.length);
  const models = record.models ?? [];
  if (keyAllowsModel(models, model)) {
    return ok(models.length ? `The key may use OpenClaw's default model ${primary}.` : `The key may use every model, OpenClaw's default ${primary} included.`);
  }
  const usable = models.find((m) => !m.includes('*'));
  return fail(`OpenClaw sends requests with its default model ${primary}, but the key may use only ${models.join(', ')}: the proxy refuses every request with that model (401).`,
    fixes.ollm('key write', '--write openclaw', `--default-model ${usable ? shellWord(usable) : '<model>'}`));
}
