// What a doctor check is: an id and a title, the checks it needs, and how it runs. The list of
// them (checks.ts) is the doctor; runner.ts orders them by `needs` and runs the rest at once.
import type { Ctx } from '../context.ts';
import type { ProxyUrl } from '../config/proxy-url.ts';
import type { LiteLLMClient } from '../litellm/client.ts';
import type { Fixes } from './fixes.ts';
import type { CheckResult } from './report.ts';

/** What every check may read: the command's context, the key being checked, facts shared between checks. */
export interface DoctorContext {
  ctx: Ctx;
  alias: string;
  /** The alias a bare command would pick (fixes name `--alias` only when it differs). */
  implicitAlias: string;
  /** `<alias>@<proxy URL>` */
  account: string;
  proxy: ProxyUrl;
  client: LiteLLMClient;
  fixes: Fixes;
  now: Date;
  /**
   * A fact several checks read (the held key, OpenClaw's config), worked out once: the first
   * caller's `make` runs, every caller gets its promise.
   */
  fact<T>(name: string, make: () => Promise<T>): Promise<T>;
}

export interface DoctorCheckSpec<C = DoctorContext> {
  /** The id in `--json` (`stored-key`). */
  id: string;
  /** The title people read in the checklist (`Stored key`). */
  title: string;
  /**
   * Checks that must not have failed for this one to mean anything. This one starts when they
   * have settled; if one failed it is skipped with `whenNeedFails` (a skipped need does not skip it).
   */
  needs: readonly string[];
  whenNeedFails?: string;
  /** `needs`: the results of the checks in `needs`, by id. */
  run(context: C, needs: ReadonlyMap<string, CheckResult>): Promise<CheckResult>;
}

export function defineCheck<C = DoctorContext>(spec: DoctorCheckSpec<C>): DoctorCheckSpec<C> {
  return spec;
}

/** `fact` for a DoctorContext: one promise per name. */
export function factCache(): DoctorContext['fact'] {
  const facts = new Map<string, Promise<unknown>>();
  return <T>(name: string, make: () => Promise<T>): Promise<T> => {
    let fact = facts.get(name) as Promise<T> | undefined;
    if (!fact) {
      fact = make();
      // Observed here too: a fact no check awaits any more must not reject unhandled.
      fact.catch(() => {});
      facts.set(name, fact);
    }
    return fact;
  };
}
