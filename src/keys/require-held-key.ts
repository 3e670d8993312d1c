// The held key a command cannot do without. Apart from held-key.ts because the error that names
// the way out (way-out.ts) reads held keys itself; it loads only when there is no key.
import type { Ctx } from '../context.ts';
import { findHeldKey, type HeldKey } from './held-key.ts';

/** The held key, or a UserError that says how to get one. */
export async function requireHeldKey(ctx: Ctx, alias: string): Promise<HeldKey> {
  const held = await findHeldKey(ctx, alias);
  if (held) return held;
  // The error names the way out: another spelling of the proxy URL, the proxy's key to adopt, or create.
  const { notHeldError } = await import('./way-out.ts');
  throw await notHeldError(ctx, alias);
}
