// When this machine and the proxy disagree about a key, every command names the same single
// command that gets out (the one `ollm doctor` gives), so the hints never send people in a circle:
//   held here, deleted on the proxy    → revoke (forget it here) and create it again
//   on the proxy, not held here        → rotate it into this machine (`--match`)
//   held for another spelling of a URL → use that proxy URL
import type { Ctx, MasterKey } from '../context.ts';
import { UserError } from '../errors.ts';
import { isDeletedKey, type KeyRecord } from '../litellm/schemas.ts';
import { resolveAlias } from './alias.ts';
import { findHeldKey, type HeldKey } from './held-key.ts';
import { otherProxiesHolding } from './local-keys.ts';

/** `ollm <command>` with `--alias` only when a bare command would not pick this alias. */
export type OllmCommand = (command: string, ...flags: string[]) => string;

export function ollmFor(alias: string, implicitAlias: string): OllmCommand {
  const aliasFlag = alias === implicitAlias ? '' : ` --alias ${alias}`;
  return (command, ...flags) => [`ollm ${command}${aliasFlag}`, ...flags].join(' ');
}

export async function ollmForAlias(ctx: Ctx, alias: string): Promise<OllmCommand> {
  return ollmFor(alias, await resolveAlias({}, ctx));
}

/** The key is held here but the proxy no longer has it: forget it here, make a new one. */
export function recreateFix(ollm: OllmCommand): string {
  return `${ollm('key revoke', '--yes')} && ${ollm('key create')}`;
}

/** The proxy has the alias but this machine lacks its secret: a rotation gives it a new one, kept here. */
export function adoptFix(alias: string): string {
  return `ollm key rotate --match ${alias} --write openclaw`;
}

export function otherProxyError(alias: string, asked: string, heldFor: string[]): UserError {
  return new UserError(`This machine holds no key "${alias}" for ${asked}, but holds one for ${heldFor.join(' and ')}.`, {
    code: 'key_not_found',
    hint: `If that is the same proxy, use its URL as the key was made: \`--proxy-url ${heldFor[0]}\` (or \`ollm config set proxy-url ${heldFor[0]}\`).`,
  });
}

/**
 * The key held here for this alias, or the error that names the way out: another proxy URL
 * holding it, the proxy having it (adopt), or nothing anywhere (create).
 */
export async function requireHeldKeyHere(ctx: Ctx, alias: string): Promise<HeldKey> {
  const held = await findHeldKey(ctx, alias);
  if (held) return held;
  throw await notHeldError(ctx, alias);
}

export async function notHeldError(ctx: Ctx, alias: string): Promise<UserError> {
  const proxy = await ctx.proxy();
  const elsewhere = await otherProxiesHolding(ctx, alias, proxy.base);
  if (elsewhere.length) return otherProxyError(alias, proxy.base, elsewhere);
  const master = await ctx.optionalMasterKey().catch(() => null);
  if (master) {
    const onProxy = await (await ctx.litellm()).findKeysByAlias(master, alias).catch(() => []);
    if (onProxy.length) {
      return new UserError(`The proxy ${proxy.base} has a key "${alias}", but this machine does not hold its secret.`, {
        code: 'key_not_held', hint: `Rotate it into this machine: \`${adoptFix(alias)}\` (the old secret stops working).`,
      });
    }
  }
  const lookUp = master ? '' : ', or set LITELLM_MASTER_KEY to look the alias up on the proxy';
  return new UserError(`This machine holds no key "${alias}" for ${proxy.base}.`, {
    code: 'key_not_found', hint: `Create one with \`${(await ollmForAlias(ctx, alias))('key create')}\`${lookUp}.`,
  });
}

/** Whether an error from /key/info (or a record) means the proxy no longer has the key. */
export function isGoneOnProxy(error: unknown): boolean {
  return error instanceof UserError && (error.code === 'key_unknown' || (error.code === 'not_found' && /key not found/i.test(error.message)));
}

/**
 * The one error for "held here, gone on the proxy" (archived as deleted, or unknown to it), for
 * every command: it names the single way out. `when` says when the proxy recorded the deletion.
 */
export async function goneOnProxyError(ctx: Ctx, alias: string, when = ''): Promise<UserError> {
  const proxy = await ctx.proxy();
  return new UserError(`The key "${alias}" was deleted on ${proxy.base}${when}; the proxy no longer has it, so it no longer works.`, {
    code: 'key_deleted', hint: `Forget it here and make a new one: \`${recreateFix(await ollmForAlias(ctx, alias))}\`.`,
  });
}

/** The proxy's record of a held key, read with the master key; a deleted key gets the way out. */
export async function recordOnProxy(ctx: Ctx, alias: string, master: MasterKey, token: string): Promise<KeyRecord> {
  let record: KeyRecord;
  try {
    record = (await (await ctx.litellm()).keyInfo(master, token)).info;
  } catch (error) {
    if (isGoneOnProxy(error)) throw await goneOnProxyError(ctx, alias);
    throw error;
  }
  if (isDeletedKey(record)) throw await goneOnProxyError(ctx, alias);
  return record;
}
