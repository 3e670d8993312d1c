// Where the real-LiteLLM harness keeps what it installs: all under the repository's .cache/.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HARNESS_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = join(HARNESS_DIR, '..', '..');
export const CACHE_DIR = join(REPO_ROOT, '.cache', 'real-litellm');
export const VENV_DIR = join(CACHE_DIR, 'py');
export const VENV_BIN = join(VENV_DIR, 'bin');
export const REQUIREMENTS = join(HARNESS_DIR, 'requirements.txt');
/** The Node program that stands in for Prisma's query-engine binary (see engine/). */
export const ENGINE_BINARY = join(HARNESS_DIR, 'engine', 'query-engine');

/** Prisma's caches (its CLI from npm, nodeenv) go under .cache too, never into $HOME. */
export function prismaEnv(): Record<string, string> {
  return {
    PRISMA_HOME_DIR: join(CACHE_DIR, 'prisma-home'),
    PRISMA_BINARY_CACHE_DIR: join(CACHE_DIR, 'prisma-cli'),
    PRISMA_NODEENV_CACHE_DIR: join(CACHE_DIR, 'nodeenv'),
    PRISMA_USE_GLOBAL_NODE: '1',
    // The engine is ours (engine/query-engine); the schema engine is never needed because the
    // schema comes from LiteLLM's migration SQL. Prisma's CLI insists on a path for both.
    PRISMA_QUERY_ENGINE_BINARY: ENGINE_BINARY,
    PRISMA_SCHEMA_ENGINE_BINARY: ENGINE_BINARY,
    PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    PRISMA_CLI_QUERY_ENGINE_TYPE: 'binary',
  };
}
