// The edits each style makes to OpenClaw's config, as pure functions over a Json5Document:
// only keys OpenClaw's strict schema allows, nothing else touched.
import type { Json5Document } from '../../edit/json5-document.ts';
import { secretRefId } from './secret-ref.ts';
import { providerName, styleVariable, type OpenClawStyle } from './styles.ts';
import { defaultModelSlot } from './default-model-slot.ts';
import { fromOpenClawLiteral, openClawLiteral as literal } from './config-string.ts';
import { removeOtherStyles } from './style-switch.ts';

/** The exec secret provider's name in `secrets.providers`. */
export const SECRET_PROVIDER = 'ollm';

export interface KeyPlacement {
  style: OpenClawStyle;
  proxyBase: string;
  /** `<alias>@<proxy URL>`: the keychain account (the SecretRef id is derived from it). */
  account: string;
  /** The plaintext key (not written in the keychain style). */
  secret: string;
  /** Models the key may use, as the proxy lists them (for the provider's `models`). */
  models: string[];
  /** `--default-model`: set `agents.defaults.model.primary` even when it is already set. */
  defaultModel?: string;
  /** The keychain style's resolver command and the variables it needs. */
  resolver?: { command: string; args: string[]; passEnv: string[] };
  /** The style ollm last wrote this config in: what it left is removed when it differs. */
  previousStyle?: OpenClawStyle;
}

export interface EditReport {
  /** Short notes for the user ("moved legacy env.ANTHROPIC_API_KEY to env.vars"). */
  notes: string[];
  /** The model set as OpenClaw's default, if ollm set one. */
  primaryModel?: string;
}

export function placeKey(doc: Json5Document, placement: KeyPlacement): EditReport {
  const notes = removeOtherStyles(doc, { style: placement.style, previous: placement.previousStyle, proxyBase: placement.proxyBase, secret: placement.secret });
  const provider = providerName(placement.style);
  const base = ['models', 'providers', provider];

  // Every string that is not ollm's own goes through literal(): OpenClaw expands ${NAME} in all of them.
  doc.set([...base, 'baseUrl'], literal(placement.proxyBase));
  doc.set([...base, 'api'], placement.style === 'anthropic' ? 'anthropic-messages' : 'openai-completions');

  if (placement.style === 'keychain') {
    const resolver = placement.resolver!;
    doc.set(['secrets', 'providers', SECRET_PROVIDER], {
      source: 'exec', command: literal(resolver.command), args: resolver.args.map(literal), jsonOnly: true, timeoutMs: 5000, passEnv: resolver.passEnv,
    });
    doc.set([...base, 'apiKey'], { source: 'exec', provider: SECRET_PROVIDER, id: secretRefId(placement.account) });
    // A plaintext key left from the litellm style would defeat the point of this one.
    if (doc.delete(['env', 'vars', 'LITELLM_API_KEY'], { pruneEmptyParents: true })) notes.push('removed the plaintext env.vars.LITELLM_API_KEY');
  } else {
    const variable = styleVariable(placement.style);
    doc.set(['env', 'vars', variable], literal(placement.secret));
    if (placement.style === 'litellm') doc.set([...base, 'apiKey'], `\${${variable}}`);
  }

  const chosen = chooseModel(placement);
  // OpenClaw also accepts `model: "provider/id"`: that is a chosen default too.
  const slot = defaultModelSlot((path) => doc.get(path));
  const setPrimary = chosen !== undefined && (placement.defaultModel !== undefined || slot.value === undefined);
  const existing = doc.get([...base, 'models']);
  if (!Array.isArray(existing) || existing.length === 0) {
    // Declared models are what OpenClaw offers; a dated id must be declared to be usable at all.
    const ids = placement.style === 'anthropic' ? (chosen ? [chosen] : []) : placement.models;
    doc.set([...base, 'models'], ids.map(modelEntry));
  } else if (setPrimary && !existing.some((m) => readId(m) === chosen)) {
    doc.set([...base, 'models'], [...existing, modelEntry(chosen!)]);
  }

  let primaryModel: string | undefined;
  if (setPrimary) {
    primaryModel = `${provider}/${chosen}`;
    doc.set(slot.path, literal(primaryModel));
  }
  return { notes, primaryModel };
}

/** A model entry for a provider's `models`: OpenClaw requires a name, and the id is all ollm knows. */
export function modelEntry(id: string): { id: string; name: string } {
  return { id: literal(id), name: literal(id) };
}

/** The id of a model entry as OpenClaw reads it, or undefined. */
export function readId(entry: unknown): string | undefined {
  const id = (entry as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? fromOpenClawLiteral(id) : undefined;
}

// --default-model wins; else the first model the key may use (for anthropic, the first Claude).
function chooseModel(placement: KeyPlacement): string | undefined {
  if (placement.defaultModel) return placement.defaultModel;
  if (placement.style === 'anthropic') return placement.models.find((m) => /claude/i.test(m));
  return placement.models[0];
}

/**
 * Take the key out again (revoke): the env var when it still holds this key, and the SecretRef
 * when it still points at this account. Returns what was removed.
 */
export function removeKey(doc: Json5Document, style: OpenClawStyle, account: string, isThisKey: (value: string) => boolean): string[] {
  const removed: string[] = [];
  if (style === 'keychain') {
    const ref = doc.get(['models', 'providers', 'litellm', 'apiKey']) as { provider?: unknown; id?: unknown } | undefined;
    if (ref && ref.provider === SECRET_PROVIDER && ref.id === secretRefId(account)) {
      doc.delete(['models', 'providers', 'litellm', 'apiKey']);
      removed.push('models.providers.litellm.apiKey');
    }
    return removed;
  }
  const variable = styleVariable(style);
  const value = doc.get(['env', 'vars', variable]);
  if (typeof value === 'string' && isThisKey(fromOpenClawLiteral(value))) {
    doc.delete(['env', 'vars', variable], { pruneEmptyParents: true });
    removed.push(`env.vars.${variable}`);
  }
  return removed;
}
