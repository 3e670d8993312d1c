// First-run install of the real LiteLLM: a venv from the hashed requirements file, then the
// Prisma client generated offline. Each step leaves a stamp, so later runs cost nothing.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HarnessError } from './harness-error.ts';
import { CACHE_DIR, REQUIREMENTS, VENV_BIN, VENV_DIR, prismaEnv } from './paths.ts';

function run(command: string, args: string[], what: string, env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    const tail = `${result.stderr ?? ''}${result.stdout ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new HarnessError(`${what} failed (${result.error?.message ?? `exit ${result.status}`})\n${tail}`);
  }
}

function stampMatches(name: string, content: string): boolean {
  const path = join(CACHE_DIR, `${name}.stamp`);
  return existsSync(path) && readFileSync(path, 'utf8') === content;
}

function writeStamp(name: string, content: string): void {
  writeFileSync(join(CACHE_DIR, `${name}.stamp`), content);
}

export function sitePackages(): string {
  const result = spawnSync(join(VENV_BIN, 'python'), ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'], { encoding: 'utf8' });
  if (result.status !== 0) throw new HarnessError('the LiteLLM venv has no working python');
  return result.stdout.trim();
}

/** Installs LiteLLM (pinned, every wheel checked against its hash) unless this exact lock is installed. */
export function ensureLiteLLM(log: (line: string) => void): void {
  mkdirSync(CACHE_DIR, { recursive: true });
  const lock = createHash('sha256').update(readFileSync(REQUIREMENTS)).digest('hex');
  if (!stampMatches('venv', lock) || !existsSync(join(VENV_BIN, 'litellm'))) {
    log('installing LiteLLM into .cache/real-litellm/py (first run, about a minute)');
    const python = process.env.PYTHON ?? 'python3';
    run(python, ['-m', 'venv', '--clear', VENV_DIR], `creating a venv with ${python}`);
    run(join(VENV_BIN, 'pip'), ['install', '--quiet', '--disable-pip-version-check', '--require-hashes', '--no-deps', '-r', REQUIREMENTS],
      'pip install --require-hashes -r test/real-litellm/requirements.txt');
    writeStamp('venv', lock);
  }
  const schema = join(sitePackages(), 'litellm', 'proxy', 'schema.prisma');
  const schemaHash = createHash('sha256').update(readFileSync(schema)).update(lock).digest('hex');
  if (!stampMatches('prisma-client', schemaHash) || !existsSync(join(sitePackages(), 'prisma', 'client.py'))) {
    log('generating the Prisma client for LiteLLM (offline)');
    run(join(VENV_BIN, 'prisma'), ['generate', '--schema', schema], 'prisma generate',
      { ...process.env, ...prismaEnv(), PATH: `${VENV_BIN}:${process.env.PATH ?? ''}` });
    writeStamp('prisma-client', schemaHash);
  }
}

/** LiteLLM's own migrations, in the order Prisma would apply them. */
export function migrationFiles(): string[] {
  const dir = join(sitePackages(), 'litellm_proxy_extras', 'migrations');
  if (!existsSync(dir)) throw new HarnessError(`no migrations at ${dir}`);
  return readdirSync(dir).filter((name) => /^\d+_/.test(name)).sort()
    .map((name) => join(dir, name, 'migration.sql')).filter((file) => existsSync(file));
}
