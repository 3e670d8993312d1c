// What every place a key can be written offers: a check before the key exists, then the write.
import type { TargetRecord } from './record.ts';

export interface KeyToWrite {
  alias: string;
  /** `<alias>@<proxy URL>` */
  account: string;
  secret: string;
  proxyBase: string;
}

export interface TargetOutcome {
  record: TargetRecord;
  /** The place no longer holds the key (it was taken out): drop `record` from the manifest. */
  forget?: boolean;
  /** For people: "OpenClaw config ~/.openclaw/openclaw.json (env.vars.LITELLM_API_KEY)". */
  description: string;
  notes: string[];
}

export interface KeyTarget {
  readonly kind: string;
  /** Throws a UserError if the write would fail; runs before any key is created. */
  prepare(): Promise<void>;
  write(key: KeyToWrite): Promise<TargetOutcome>;
}
