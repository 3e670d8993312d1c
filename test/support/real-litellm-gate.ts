// Whether the real LiteLLM suites (test/real/) can run here. They need Postgres (its server
// programs and psql) and LiteLLM installed under .cache/ by test/setup. Outside CI a missing part
// is a reason to skip, named; in CI nothing is skipped: a missing part fails the suite loudly.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { VENV_BIN } from '../real-litellm/paths.ts';

function postgresMissing(): string | null {
  const pgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dirs = [process.env.PG_BIN, '/usr/lib/postgresql/15/bin', pgConfig.status === 0 ? pgConfig.stdout.trim() : undefined];
  if (!dirs.some((dir) => dir && existsSync(join(dir, 'initdb')))) return 'Postgres is not installed (apt-get install postgresql)';
  if (spawnSync('sh', ['-c', 'command -v psql']).status !== 0) return 'psql is not installed (apt-get install postgresql)';
  return null;
}

/** The skip reason for a test/real/ file, or false when it must run. */
export function realLiteLLMSkip(): string | false {
  if (process.env.CI) return false;
  const missing = postgresMissing()
    ?? (existsSync(join(VENV_BIN, 'litellm')) ? null : 'LiteLLM is not installed (test/real-litellm/start --install-only; npm test runs it)');
  return missing ? `no real LiteLLM: ${missing}` : false;
}

/** The options of a test/real/ suite or test: skipped, with the reason, where the real LiteLLM cannot run. */
export const realGate: { skip: string | false } = { skip: realLiteLLMSkip() };
