// Switching a config from one style to another: what the previous style left must go, or it stays
// in force — an `anthropic` config switched to `keychain` kept a plaintext env.vars.ANTHROPIC_API_KEY,
// its provider and an `anthropic/…` default model, so OpenClaw went on using the old key.
import type { Json5Document } from '../../edit/json5-document.ts';
import { pointsAtProxy } from '../../config/proxy-url.ts';
import { defaultModelSlot } from './default-model-slot.ts';
import { providerName, styleVariable, type OpenClawStyle } from './styles.ts';

const VARIABLES = ['LITELLM_API_KEY', 'ANTHROPIC_API_KEY'] as const;

export interface SwitchContext {
  style: OpenClawStyle;
  /** The style ollm last wrote this config in, when it did. */
  previous?: OpenClawStyle;
  proxyBase: string;
  /** The key being written: a variable holding it was written by ollm, whatever the record says. */
  secret: string;
}

/**
 * Remove what other styles wrote: their env.vars key (when ollm wrote it: the recorded previous
 * style's variable, or one holding this key), their provider block when it points at this proxy,
 * and a default model of that provider (the new style then sets its own). Returns notes.
 */
export function removeOtherStyles(doc: Json5Document, ctx: SwitchContext): string[] {
  const notes: string[] = [];
  const keep = ctx.style === 'keychain' ? null : styleVariable(ctx.style);
  const previousVariable = ctx.previous && ctx.previous !== 'keychain' ? styleVariable(ctx.previous) : null;
  for (const variable of VARIABLES) {
    if (variable === keep) continue;
    const value = doc.get(['env', 'vars', variable]);
    if (typeof value !== 'string') continue;
    if (variable !== previousVariable && value !== ctx.secret) continue;
    doc.delete(['env', 'vars', variable], { pruneEmptyParents: true });
    notes.push(`removed the plaintext env.vars.${variable} of the ${ctx.previous ?? 'previous'} style`);
  }
  const stale = providerName(ctx.style) === 'litellm' ? 'anthropic' : 'litellm';
  const block = doc.get(['models', 'providers', stale]) as { baseUrl?: unknown } | undefined;
  if (block && typeof block.baseUrl === 'string' && pointsAtProxy(block.baseUrl, ctx.proxyBase)) {
    doc.delete(['models', 'providers', stale]);
    notes.push(`removed models.providers.${stale}, which the previous style pointed at the proxy`);
    const primary = defaultModelSlot((path) => doc.get(path));
    if (primary.value?.startsWith(`${stale}/`)) doc.delete(primary.path);
  }
  return notes;
}
