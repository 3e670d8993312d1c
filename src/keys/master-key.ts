// Where the credential that manages keys comes from, in one order for every command (setup
// included): LITELLM_MASTER_KEY, then LITELLM_PROXY_API_KEY (LiteLLM's own CLI reads it: a master
// key or a user's / team's key, identified with the proxy), then --master-key-stdin, then the
// entry `ollm login` saved for the proxy (with the kind login found it to be). Never a flag
// value: that would land in shell history and `ps`. The name says "master" for history: since
// issue 20 it is whichever credential manages keys here (litellm/identify.ts).
import { UserError } from '../errors.ts';
import type { Credential } from '../litellm/client.ts';
import type { ManagerKind } from '../litellm/identify.ts';

export interface MasterKey extends Credential {
  kind: ManagerKind;
  /** For messages: `LITELLM_MASTER_KEY`, `LITELLM_PROXY_API_KEY`, `stdin` or `ollm login (<store>)`. */
  source: string;
  /** Which rule found it. */
  origin: 'env' | 'proxy-api-key' | 'stdin' | 'login';
  /** For `login`: the store it was saved in ("Secret Service keychain", …). */
  store?: string;
}

/** The environment variable for a credential that is not the master key (as LiteLLM's CLI). */
export const CREDENTIAL_ENV = 'LITELLM_PROXY_API_KEY';

/** The places a credential can come from; each is asked only when the ones before it gave none. */
export interface MasterKeySources {
  env: NodeJS.ProcessEnv;
  /** --master-key-stdin was given. */
  fromStdin: boolean;
  /** The first line of stdin (asked without echo on a terminal). */
  readStdin: () => Promise<string>;
  /** The entry `ollm login` saved for this proxy, the store it is in, and what login found it to be. */
  saved: () => Promise<{ secret: string; storeDescription: string; kind: ManagerKind } | null>;
  /** What the proxy says a credential from LITELLM_PROXY_API_KEY is (refuses one that cannot make keys). */
  identify: (secret: string) => Promise<ManagerKind>;
}

/** The credential by the rule above; null when none of the places holds one. */
export async function findMasterKey(sources: MasterKeySources): Promise<MasterKey | null> {
  const fromEnv = sources.env.LITELLM_MASTER_KEY?.trim();
  if (fromEnv) return { secret: fromEnv, kind: 'master', source: 'LITELLM_MASTER_KEY', origin: 'env' };
  const fromCredentialEnv = sources.env[CREDENTIAL_ENV]?.trim();
  if (fromCredentialEnv) {
    return { secret: fromCredentialEnv, kind: await sources.identify(fromCredentialEnv), source: CREDENTIAL_ENV, origin: 'proxy-api-key' };
  }
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
  return saved ? { secret: saved.secret, kind: saved.kind, source: `ollm login (${saved.storeDescription})`, origin: 'login', store: saved.storeDescription } : null;
}

/** How setup names the credential it goes on with (`Using the master key …`). */
export function masterKeyOrigin(master: MasterKey): string {
  if (master.origin === 'env') return 'from LITELLM_MASTER_KEY';
  if (master.origin === 'proxy-api-key') return `from ${CREDENTIAL_ENV}`;
  if (master.origin === 'stdin') return 'from stdin (--master-key-stdin)';
  return `saved by \`ollm login\` (${master.store ?? 'its store'})`;
}

/** "the master key", "your user key", "the team's service-account key": for messages. */
export function credentialName(kind: ManagerKind): string {
  return kind === 'master' ? 'the master key' : kind === 'user' ? 'your user key' : 'the team\'s service-account key';
}

/** The credential, when it is the master key (or a proxy_admin's key); else the refusal naming what the command needs. */
export function requireMaster(credential: MasterKey, command: string): MasterKey {
  if (credential.kind === 'master') return credential;
  throw new UserError(`\`${command}\` needs the proxy's master key, and ollm is using ${credentialName(credential.kind)} (${credential.source}).`, {
    code: 'not_admin', hint: `Run it where the master key is: LITELLM_MASTER_KEY=… ollm ${command.replace(/^ollm /, '')} …`,
  });
}
