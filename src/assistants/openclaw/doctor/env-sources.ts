// Where OpenClaw 2026.9 gets an environment variable's value, highest first: the process
// environment, `<state dir>/.env`, then the config's `env.vars` — and which `${VAR}` references
// in its config would stay unresolved. An empty value counts as unset, as it does for OpenClaw.
import { getDotenvVar } from '../../../targets/dotenv-file.ts';

export interface EnvSource {
  kind: 'process' | 'dotenv' | 'env.vars';
  /** For people: "this shell's environment", "/home/me/.openclaw/.env", "env.vars in …/openclaw.json". */
  label: string;
  value: string;
}

export interface EnvSources {
  processEnv: NodeJS.ProcessEnv;
  dotenvFile: string;
  /** The .env text ('' when there is none). */
  dotenvText: string;
  configFile: string;
  /** The config's `env.vars`, as written. */
  vars: Record<string, unknown>;
}

/** Every place that sets the variable, in OpenClaw's order: the first one wins. */
export function sourcesOf(name: string, env: EnvSources): EnvSource[] {
  const found: EnvSource[] = [];
  const fromProcess = env.processEnv[name];
  if (fromProcess) found.push({ kind: 'process', label: 'this shell\'s environment', value: fromProcess });
  const fromDotenv = getDotenvVar(env.dotenvText, name);
  if (fromDotenv) found.push({ kind: 'dotenv', label: env.dotenvFile, value: fromDotenv });
  const fromVars = env.vars[name];
  if (typeof fromVars === 'string' && fromVars !== '') found.push({ kind: 'env.vars', label: `env.vars in ${env.configFile}`, value: fromVars });
  return found;
}

/** The value OpenClaw will use, or null when no source sets it. */
export function resolveVariable(name: string, env: EnvSources): EnvSource | null {
  return sourcesOf(name, env)[0] ?? null;
}

export interface VariableRef {
  /** Dotted path in the config, as OpenClaw names it in its warnings (`models.providers.litellm.apiKey`). */
  path: string;
  name: string;
}

// `${NAME}` with OpenClaw's name grammar; `$${NAME}` is its escape for a literal `${NAME}`.
const REFERENCE = /(\$?)\$\{([A-Z_][A-Z0-9_]*)\}/g;

/** The variable names a string refers to (escaped ones left out). */
export function variablesIn(text: string): string[] {
  return [...text.matchAll(REFERENCE)].filter((m) => m[1] === '').map((m) => m[2]!);
}

/** Every `${NAME}` in the config's string values. `$include`d files are not followed. */
export function findVariableRefs(value: unknown, path: string[] = []): VariableRef[] {
  if (typeof value === 'string') return variablesIn(value).map((name) => ({ path: path.join('.'), name }));
  if (Array.isArray(value)) return value.flatMap((item, i) => findVariableRefs(item, [...path, String(i)]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => findVariableRefs(item, [...path, key]));
  }
  return [];
}

/** A string with each `${NAME}` replaced as OpenClaw would (unset names stay as written). */
export function substitute(text: string, env: EnvSources): string {
  return text.replace(REFERENCE, (whole, escape: string, name: string) => (escape ? whole.slice(1) : resolveVariable(name, env)?.value ?? whole));
}
