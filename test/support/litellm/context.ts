// What every route handler of the fake LiteLLM receives: the server's state and the parsed request.
import type { Caller } from './auth.ts';
import type { KeyStore } from './store.ts';
import type { PeopleStore } from './people.ts';
import type { LiteLLMQuirks } from './types.ts';

export interface ServerState {
  /** null: the proxy has no master key, so there is no auth at all. */
  masterKey: string | null;
  store: KeyStore;
  /** Users and teams (internal_user, internal_user_viewer, service accounts). */
  people: PeopleStore;
  now: () => Date;
  enterprise: boolean;
  models: string[];
  costPerRequest: number;
  /** Version- and setting-dependent behaviour (see LiteLLMQuirks); mutable at run time. */
  quirks: LiteLLMQuirks;
}

export interface RouteContext {
  method: string;
  path: string;
  /** Path parameters captured by the route pattern, URL-decoded. */
  params: string[];
  query: Record<string, string>;
  /** Parsed JSON body; undefined when the request had none. */
  json: unknown;
  caller: Caller;
}

/** CommonProxyErrors.not_premium_user, appended to every Enterprise refusal. */
export const NOT_PREMIUM =
  'You must be a LiteLLM Enterprise user to use this feature. If you have a license please set `LITELLM_LICENSE` in your env. Get a 7 day trial key here: https://www.litellm.ai/enterprise#trial. \nPricing: https://www.litellm.ai/#pricing';
