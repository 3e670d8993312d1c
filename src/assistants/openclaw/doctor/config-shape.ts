// When `openclaw` is not installed, the doctor cannot ask OpenClaw whether it accepts the config.
// These are the parts of OpenClaw 2026.9's strict schema (shared/openclaw/config.schema.json)
// that matter for ollm: the top-level sections, `env`, the model providers and SecretRefs, and
// ollm's exec provider. Legacy flat `env` keys are reported by their own check, not here.
import { isValidSecretRefId } from '../secret-ref.ts';

const TOP_LEVEL = new Set([
  '$schema', '$include', 'meta', 'env', 'wizard', 'diagnostics', 'logging', 'update', 'telemetry', 'browser', 'ui', 'secrets',
  'auth', 'accessGroups', 'acp', 'models', 'nodeHost', 'agents', 'worktreeRoot', 'worktreeAcceleration', 'tools', 'security',
  'bindings', 'broadcast', 'attachments', 'messages', 'tts', 'commands', 'approvals', 'session', 'cron', 'transcripts', 'hooks',
  'channels', 'discovery', 'talk', 'gateway', 'cloudWorkers', 'desktop', 'memory', 'mcp', 'skills', 'plugins', 'surfaces', 'proxy',
]);
const MODELS_KEYS = new Set(['$include', 'mode', 'providers', 'catalogRefresh']);
const PROVIDER_KEYS = new Set([
  '$include', 'agentRuntime', 'api', 'apiKey', 'auth', 'authHeader', 'baseUrl', 'headers', 'injectNumCtxForOpenAICompat',
  'localService', 'maxTokens', 'models', 'params', 'region', 'request', 'timeoutSeconds',
]);
const SECRET_SOURCES = new Set(['env', 'file', 'exec', 'store']);
const PROVIDER_NAME = /^[a-z][a-z0-9_-]{0,63}$/;
const ENV_ID = /^[A-Z][A-Z0-9_]{0,127}$/;
const EXEC_PROVIDER_KEYS = new Set([
  'source', 'command', 'args', 'timeoutMs', 'noOutputTimeoutMs', 'maxOutputBytes', 'jsonOnly', 'env', 'passEnv', 'trustedDirs',
]);

type Plain = Record<string, unknown>;
const isObject = (value: unknown): value is Plain => value !== null && typeof value === 'object' && !Array.isArray(value);

/** `path: problem` lines, in the style of `openclaw config validate`; empty when these parts are fine. */
export function configShapeProblems(config: Plain): string[] {
  const problems: string[] = [];
  const unknown = (path: string, object: Plain, allowed: ReadonlySet<string>) => {
    for (const key of Object.keys(object)) if (!allowed.has(key)) problems.push(`${path || '(root)'}: Unrecognized key: "${key}"`);
  };
  unknown('', config, TOP_LEVEL);

  const env = config.env;
  if (env !== undefined && !isObject(env)) problems.push('env: expected an object');
  if (isObject(env)) {
    if (env.vars !== undefined && !isObject(env.vars)) problems.push('env.vars: expected an object');
    if (isObject(env.vars)) {
      for (const [name, value] of Object.entries(env.vars)) if (typeof value !== 'string') problems.push(`env.vars.${name}: expected a string`);
    }
    if (env.shellEnv !== undefined && !isObject(env.shellEnv)) problems.push('env.shellEnv: expected an object');
  }

  const models = config.models;
  if (models !== undefined && !isObject(models)) problems.push('models: expected an object');
  if (isObject(models)) {
    unknown('models', models, MODELS_KEYS);
    if (models.providers !== undefined && !isObject(models.providers)) problems.push('models.providers: expected an object');
    if (isObject(models.providers)) {
      for (const [name, provider] of Object.entries(models.providers)) problems.push(...providerProblems(`models.providers.${name}`, provider));
    }
  }

  const secrets = config.secrets;
  if (isObject(secrets) && isObject(secrets.providers)) {
    for (const [name, provider] of Object.entries(secrets.providers)) {
      const path = `secrets.providers.${name}`;
      if (!isObject(provider) || provider.source !== 'exec' || 'pluginIntegration' in provider) continue;
      unknown(path, provider, EXEC_PROVIDER_KEYS);
      if (typeof provider.command !== 'string' || provider.command === '') problems.push(`${path}.command: expected a non-empty string`);
      if (provider.args !== undefined && !(Array.isArray(provider.args) && provider.args.every((a) => typeof a === 'string'))) problems.push(`${path}.args: expected a list of strings`);
    }
  }
  return problems;
}

function providerProblems(path: string, provider: unknown): string[] {
  if (!isObject(provider)) return [`${path}: expected an object`];
  const problems: string[] = [];
  for (const key of Object.keys(provider)) if (!PROVIDER_KEYS.has(key)) problems.push(`${path}: Unrecognized key: "${key}"`);
  if (provider.baseUrl !== undefined && typeof provider.baseUrl !== 'string') problems.push(`${path}.baseUrl: expected a string`);
  if (provider.models !== undefined) {
    if (!Array.isArray(provider.models)) problems.push(`${path}.models: expected an array`);
    else {
      provider.models.forEach((model, i) => {
        if (!isObject(model)) problems.push(`${path}.models.${i}: expected an object`);
        else for (const field of ['id', 'name']) if (typeof model[field] !== 'string' || model[field] === '') problems.push(`${path}.models.${i}.${field}: required`);
      });
    }
  }
  const apiKey = provider.apiKey;
  if (apiKey !== undefined && typeof apiKey !== 'string') problems.push(...secretRefProblems(`${path}.apiKey`, apiKey));
  return problems;
}

function secretRefProblems(path: string, ref: unknown): string[] {
  if (!isObject(ref)) return [`${path}: expected a string or a SecretRef`];
  const problems: string[] = [];
  for (const key of Object.keys(ref)) if (!['source', 'provider', 'id'].includes(key)) problems.push(`${path}: Unrecognized key: "${key}"`);
  if (typeof ref.source !== 'string' || !SECRET_SOURCES.has(ref.source)) problems.push(`${path}.source: expected env, file, exec or store`);
  if (typeof ref.provider !== 'string' || !PROVIDER_NAME.test(ref.provider)) problems.push(`${path}.provider: invalid provider name`);
  if (typeof ref.id !== 'string') problems.push(`${path}.id: required`);
  else if ((ref.source === 'env' || ref.source === 'store') && !ENV_ID.test(ref.id)) problems.push(`${path}.id: invalid variable name`);
  else if (ref.source === 'exec' && !isValidSecretRefId(ref.id)) problems.push(`${path}.id: invalid exec SecretRef id`);
  return problems;
}
