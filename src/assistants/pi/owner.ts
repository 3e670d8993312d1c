// Which alias pi uses. pi's models.json holds one key for ollm's provider, so several keys on
// one machine must not take turns in it: by default only pi's alias ("pi") is written there;
// another alias goes there only when asked (`--write pi`), and where a different alias's key is
// written already only with `--replace` (or a yes on a terminal). The replaced alias then no
// longer owns that place, so rotating it never writes pi's file back to it.
import type { Ctx } from '../../context.ts';
import type { KeyClaim } from '../assistant.ts';
import { claimOneKeyFile, releaseReplaced, writeWithoutKinds } from '../one-key-claim.ts';
import type { PiFlagValues } from './flags.ts';
import { piWrite } from './write-policy.ts';

export const PI_ALIAS = 'pi';
export const PI_DEFAULT_TARGETS: readonly string[] = ['pi'];
const PI_KINDS: readonly string[] = ['pi'];

async function defaultWrite(ctx: Ctx, alias: string, write: string[] | undefined): Promise<{ write: string[] | undefined; leftOut: boolean }> {
  if (write !== undefined || alias === PI_ALIAS) return { write, leftOut: false };
  // Another alias for pi: the configured targets without pi's file (keychain only when nothing is left).
  return writeWithoutKinds(ctx, PI_KINDS, PI_DEFAULT_TARGETS);
}

/** pi's claim on the one key its models.json holds for ollm's provider. */
export const piClaim: KeyClaim = {
  kinds: PI_KINDS,
  alias: () => Promise.resolve(PI_ALIAS),
  defaultWrite,
  claim: (ctx, { flags, ...options }) => claimOneKeyFile(ctx, { ...options, replace: options.replace || Boolean((flags as PiFlagValues).replace) }, {
    kind: 'pi', displayName: 'pi', defaultTargets: PI_DEFAULT_TARGETS,
    file: () => piWrite(ctx, flags, options.recorded).paths.modelsFile,
    holds: (file, others) => `pi's models.json ${file} holds the key ${others}`,
  }),
  release: releaseReplaced,
};
