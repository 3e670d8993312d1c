// A user's own max_budget caps the spend of all their keys together. LiteLLM 1.108.7 still makes a
// key whose max_budget is above it; 1.110 refuses it (400 "cannot exceed the caller's own
// max_budget", litellm/errors.ts names that). Where the proxy accepts it, ollm says so once.
import type { LiteLLMClient } from '../litellm/client.ts';
import type { MasterKey } from './master-key.ts';
import { formatBudget, formatMoney } from '../output/format.ts';

/** The warning for a key budget above the user's own, or null (not a user key, no budget, within it). */
export async function ceilingWarning(client: LiteLLMClient, credential: MasterKey, maxBudget: number | null | undefined): Promise<string | null> {
  if (credential.kind !== 'user' || maxBudget == null) return null;
  // /user/info without user_id describes the caller's own user (a user key).
  const user = await client.userInfo(credential).catch(() => null);
  if (user?.max_budget == null || maxBudget <= user.max_budget) return null;
  return `warning: the key's budget ${formatMoney(maxBudget)} is above your own budget of ${formatBudget(user.max_budget, user.budget_duration)}: `
    + `the proxy accepted it, but your user budget still caps the spend of all your keys together (${formatMoney(user.spend)} spent so far).`;
}
