// Which alias Codex uses. Codex's config holds one provider ollm writes (`model_providers.ollm`),
// so one key: by default only Codex's alias ("codex", or `--alias` with `--write codex`) goes there,
// and where another alias's key was written only with `--replace` (or a yes on a terminal). The
// replaced alias then no longer owns that place, so rotating it never writes Codex's config back.
// The rule every assistant's claim follows (one-key-claim.ts), for Codex's own kind and file.
import { resolve } from 'node:path';
import type { Ctx } from '../../context.ts';
import { resolveAlias } from '../../keys/alias.ts';
import type { KeyClaim } from '../assistant.ts';
import { claimOneKeyFile, releaseReplaced, writeWithoutKinds } from '../one-key-claim.ts';
import type { CodexFlagValues } from './flags.ts';
import { resolveCodexPaths } from './paths.ts';
import { isCodexRecord } from './record.ts';

/** Where a bare `key create --for codex` writes Codex's key. */
export const CODEX_DEFAULT_TARGETS: readonly string[] = ['codex'];
const CODEX_KINDS: readonly string[] = ['codex'];

/** The alias Codex uses: the one a bare `ollm key create --for codex` makes. */
export function codexAlias(ctx: Ctx): Promise<string> {
  return resolveAlias({ for: 'codex' }, ctx);
}

export const codexClaim: KeyClaim = {
  kinds: CODEX_KINDS,
  alias: codexAlias,

  async defaultWrite(ctx, alias, write) {
    if (write !== undefined || alias === await codexAlias(ctx)) return { write, leftOut: false };
    return writeWithoutKinds(ctx, CODEX_KINDS, CODEX_DEFAULT_TARGETS);
  },

  claim: (ctx, { flags, ...options }) => claimOneKeyFile(ctx, options, {
    kind: 'codex', displayName: 'Codex', defaultTargets: CODEX_DEFAULT_TARGETS,
    file: () => {
      const own = flags as CodexFlagValues;
      return own.codexConfig ? resolveCodexPaths(resolve(own.codexConfig), ctx.env).configFile
        : options.recorded.find(isCodexRecord)?.file ?? resolveCodexPaths(undefined, ctx.env).configFile;
    },
    holds: (file, others) => `Codex's config ${file} holds the key ${others}`,
  }),

  release: releaseReplaced,
};
