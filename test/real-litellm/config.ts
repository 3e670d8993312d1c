// The LiteLLM config.yaml a run uses: the caller's (or a small default) with the harness's
// master key merged in. JSON is YAML, so the merged file is written as JSON.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { HarnessError } from './harness-error.ts';
import { VENV_BIN } from './paths.ts';

type Config = Record<string, unknown> & { general_settings?: Record<string, unknown> };

/** Two models answered by LiteLLM's own mock_response, priced per token so spend is tracked. */
export function defaultConfig(): Config {
  const model = (name: string, upstream: string, input: number, output: number) => ({
    model_name: name,
    litellm_params: {
      model: upstream,
      api_key: 'not-used-mock-response',
      mock_response: `Hello from the real LiteLLM (${name}, mock response).`,
      input_cost_per_token: input,
      output_cost_per_token: output,
    },
  });
  return {
    model_list: [
      model('claude-sonnet-4-6', 'anthropic/claude-sonnet-4-6', 0.000003, 0.000015),
      model('gpt-4o', 'openai/gpt-4o', 0.0000025, 0.00001),
    ],
    litellm_settings: { telemetry: false },
    // Spend is written in batches; one second instead of ten keeps `ollm spend` tests short.
    general_settings: { proxy_batch_write_at: 1 },
  };
}

/** Reads a user's config.yaml with LiteLLM's own YAML library (the venv's PyYAML). */
export function readConfigFile(path: string): Config {
  const script = 'import json, sys, yaml\nwith open(sys.argv[1]) as f: print(json.dumps(yaml.safe_load(f) or {}))';
  const result = spawnSync(join(VENV_BIN, 'python'), ['-c', script, path], { encoding: 'utf8' });
  if (result.status !== 0) throw new HarnessError(`cannot read --config ${path}: ${result.stderr.trim().split('\n').pop() ?? ''}`);
  const parsed: unknown = JSON.parse(result.stdout);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new HarnessError(`--config ${path} is not a YAML mapping`);
  return parsed as Config;
}

/** The harness owns the master key and the database: the caller's values for them are replaced. */
export function mergeHarnessSettings(config: Config, masterKey: string, databaseUrl: string | undefined): Config {
  const general: Record<string, unknown> = { ...(config.general_settings ?? {}), master_key: masterKey };
  if (databaseUrl) general.database_url = databaseUrl;
  else delete general.database_url;
  return { ...config, general_settings: general };
}
