// Which alias's key OpenCode's provider entry holds. One `provider.litellm` holds one key, so two
// keys must not take turns in it: writing a second alias there replaces the first only with
// `--replace` (or a yes on a terminal), and the replaced alias then no longer owns that place, so
// rotating it never writes OpenCode back to it.
import type { KeyClaim } from '../assistant.ts';
import { claimOneKeyFile, releaseReplaced } from '../one-key-claim.ts';
import { openCodeWrite } from './write-policy.ts';

/** Where a bare `key create --for opencode` writes (unless `ollm config set targets` says otherwise). */
export const OPENCODE_DEFAULT_TARGETS: readonly string[] = ['opencode'];

export const openCodeClaim: KeyClaim = {
  kinds: ['opencode'],
  alias: () => Promise.resolve('opencode'),
  // `--for opencode` says where the key is for, whatever its alias: the claim below guards the entry.
  defaultWrite: (_ctx, _alias, write) => Promise.resolve({ write, leftOut: false }),

  claim: (ctx, { flags, ...options }) => claimOneKeyFile(ctx, options, {
    kind: 'opencode', displayName: 'OpenCode', defaultTargets: OPENCODE_DEFAULT_TARGETS,
    file: () => openCodeWrite(ctx, flags, options.recorded).paths.configFile,
    holds: (file, others) => `OpenCode's config ${file} holds the key ${others} in its litellm provider`,
  }),

  release: releaseReplaced,
};
