// Where the proxy's master key comes from, in one order for every command (setup included):
// LITELLM_MASTER_KEY, then --master-key-stdin, then the entry `ollm login` saved for the proxy.
// Never a flag value: that would land in shell history and `ps`.
import { UserError } from '../errors.ts';
import type { Credential } from '../litellm/client.ts';

export interface MasterKey extends Credential {
  /** For messages: `LITELLM_MASTER_KEY`, `stdin` or `ollm login (<store>)`. */
  source: string;
  /** Which rule found it. */
  origin: 'env' | 'stdin' | 'login';
  /** For `login`: the store it was saved in ("Secret Service keychain", …). */
  store?: string;
}

/** The places a master key can come from; each is asked only when the ones before it gave none. */
export interface MasterKeySources {
  env: NodeJS.ProcessEnv;
  /** --master-key-stdin was given. */
  fromStdin: boolean;
  /** The first line of stdin (asked without echo on a terminal). */
  readStdin: () => Promise<string>;
  /** The entry `ollm login` saved for this proxy, and the store it is in. */
  saved: () => Promise<{ secret: string; storeDescription: string } | null>;
}

/** The master key by the rule above; null when none of the places holds one. */
export async function findMasterKey(sources: MasterKeySources): Promise<MasterKey | null> {
  const fromEnv = sources.env.LITELLM_MASTER_KEY?.trim();
  if (fromEnv) return { secret: fromEnv, kind: 'master', source: 'LITELLM_MASTER_KEY', origin: 'env' };
  if (sources.fromStdin) {
    const line = (await sources.readStdin()).trim();
    if (!line) {
      throw new UserError('--master-key-stdin was given, but stdin held no key.', {
        code: 'master_key_missing', hint: 'Pipe the key in, e.g. `pass show litellm/master | ollm key create --master-key-stdin`.',
      });
    }
    return { secret: line, kind: 'master', source: 'stdin', origin: 'stdin' };
  }
  const saved = await sources.saved();
  return saved ? { secret: saved.secret, kind: 'master', source: `ollm login (${saved.storeDescription})`, origin: 'login', store: saved.storeDescription } : null;
}

/** How setup names the key it goes on with (`Using the master key …`). */
export function masterKeyOrigin(master: MasterKey): string {
  if (master.origin === 'env') return 'from LITELLM_MASTER_KEY';
  if (master.origin === 'stdin') return 'from stdin (--master-key-stdin)';
  return `saved by \`ollm login\` (${master.store ?? 'its store'})`;
}
